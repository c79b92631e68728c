package io.distsync.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.error.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the cache accepts from clients, and the hand-written GET body. */
class CacheRequestsTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "item:1", "a/b/c", "A-Z_0.9", "x"})
  void good_keys_pass(String key) {
    assertThat(CacheRequests.key(key)).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "é", "a*b", "a?b", "a\"b", "a\\b", "a{b}"})
  void bad_keys_are_invalid_requests(String key) {
    assertThatThrownBy(() -> CacheRequests.key(key))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("INVALID_REQUEST");
  }

  @Test
  void keys_are_at_most_256_characters_and_star_is_only_for_invalidate() {
    assertThat(CacheRequests.key("k".repeat(256))).hasSize(256);
    assertThatThrownBy(() -> CacheRequests.key("k".repeat(257))).isInstanceOf(ApiException.class);
    assertThat(CacheRequests.keyOrAll("*")).isEqualTo("*");
    assertThatThrownBy(() -> CacheRequests.key("*")).isInstanceOf(ApiException.class);
  }

  @Test
  void a_put_body_keeps_any_json_value_and_the_ttl() {
    assertThat(CacheRequests.putBody("{\"value\": {\"a\": [1, 2]}, \"ttlMs\": 500}"))
        .isEqualTo(new CacheRequests.PutBody("{\"a\":[1,2]}", 500));
    assertThat(CacheRequests.putBody("{\"value\": null}").json()).isEqualTo("null");
    assertThat(CacheRequests.putBody("{\"value\": \"x\", \"ttlMs\": null}").ttlMs()).isZero();
  }

  @Test
  void the_get_body_is_valid_json() {
    String json = CacheRequests.readJson("a/b:c", "{\"n\":[1,\"x\"]}", 7, "SHARED", "peer");
    JsonObject o = Json.createReader(new StringReader(json)).readObject();
    assertThat(o.getString("key")).isEqualTo("a/b:c");
    assertThat(o.getJsonObject("value").getJsonArray("n")).hasSize(2);
    assertThat(o.getJsonNumber("version").longValue()).isEqualTo(7);
    assertThat(o.getString("state")).isEqualTo("SHARED");
    assertThat(o.getString("source")).isEqualTo("peer");
  }
}
