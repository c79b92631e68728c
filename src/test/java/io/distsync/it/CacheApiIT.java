package io.distsync.it;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache's API on the build's single server (a one-member cluster): reads, writes, deletes,
 * expiry, invalidation, the state endpoint, and every refusal of bad input with its code.
 */
class CacheApiIT {
  private static final Duration T = Duration.ofSeconds(10);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void serving() {
    eventually(
        Duration.ofSeconds(60),
        () ->
            assertThat(json(Http.get(ItServer.url("/cache/state"))).getBoolean("serving"))
                .isTrue());
  }

  private static JsonObject json(Reply r) {
    return (JsonObject) r.json();
  }

  private static Reply put(String key, String body) {
    return Http.sendJson("PUT", ItServer.url("/cache/" + key), body, T);
  }

  private static Reply get(String key) {
    return Http.get(ItServer.url("/cache/" + key), T);
  }

  @Test
  void when_aValueIsWritten_then_itIsReadBackFromTheLocalLine_withItsVersion() {
    String key = "api-" + RUN + "-a/b:c.d_e";
    Reply w = put(key, "{\"value\": {\"n\": 1, \"s\": [true, null, \"x\"]}}");
    assertThat(w.status()).as(w.body()).isEqualTo(200);
    assertThat(json(w).getString("key")).isEqualTo(key);
    assertThat(json(w).getString("state")).isEqualTo("EXCLUSIVE");
    long version = json(w).getJsonNumber("version").longValue();

    Reply r = get(key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonObject body = json(r);
    assertThat(body.getJsonObject("value").getInt("n")).isEqualTo(1);
    assertThat(body.getJsonObject("value").getJsonArray("s")).hasSize(3);
    assertThat(body.getJsonNumber("version").longValue()).isEqualTo(version);
    assertThat(body.getString("state")).isEqualTo("EXCLUSIVE");
    assertThat(body.getString("source")).isEqualTo("local");

    Reply again = put(key, "{\"value\": \"second\"}");
    assertThat(json(again).getJsonNumber("version").longValue()).isGreaterThan(version);
    assertThat(json(get(key)).getString("value")).isEqualTo("second");
  }

  @Test
  void when_aKeyIsDeleted_then_itIsNotFound() {
    String key = "api-" + RUN + "-deleted";
    put(key, "{\"value\": 42}");
    Reply d = Http.sendJson("DELETE", ItServer.url("/cache/" + key), null, T);
    assertThat(d.status()).isEqualTo(204);

    Reply r = get(key);
    assertThat(r.status()).isEqualTo(404);
    assertThat(json(r).getString("error")).isEqualTo("NOT_FOUND");
    assertThat(get("api-" + RUN + "-never-written").status()).isEqualTo(404);
  }

  @Test
  void when_aValueHasATtl_then_itExpires() {
    String key = "api-" + RUN + "-ttl";
    assertThat(put(key, "{\"value\": 1, \"ttlMs\": 300}").status()).isEqualTo(200);
    eventually(T, () -> assertThat(get(key).status()).isEqualTo(404));
  }

  @Test
  void when_aKeyIsInvalidated_then_theLineIsGone_andRedisStillHasTheValue() {
    String key = "api-" + RUN + "-inv";
    put(key, "{\"value\": \"kept\"}");
    Reply inv =
        Http.sendJson("POST", ItServer.url("/cache/invalidate"), "{\"key\": \"" + key + "\"}", T);
    assertThat(inv.status()).as(inv.body()).isEqualTo(200);
    assertThat(json(inv).getBoolean("invalidated")).isTrue();

    JsonObject r = json(get(key));
    assertThat(r.getString("value")).isEqualTo("kept");
    assertThat(r.getString("source")).isEqualTo("redis");

    Reply all = Http.sendJson("POST", ItServer.url("/cache/invalidate"), "{\"key\": \"*\"}", T);
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    eventually(T, () -> assertThat(json(get(key)).getString("source")).isIn("redis", "local"));
  }

  @Test
  void the_state_endpoint_lists_lines_and_stats_and_status_and_metrics_show_the_cache() {
    String key = "api-" + RUN + "-state";
    put(key, "{\"value\": 7}");
    get(key);
    JsonObject state = json(Http.get(ItServer.url("/cache/state?limit=1000"), T));
    assertThat(state.getString("nodeId")).isEqualTo("it1");
    assertThat(state.getString("policy")).isEqualTo("LRU");
    assertThat(state.getString("writePolicy")).isEqualTo("write-through");
    assertThat(state.getInt("capacity")).isEqualTo(10000);
    assertThat(state.getJsonArray("lines").getValuesAs(JsonObject.class))
        .anySatisfy(
            l -> {
              assertThat(l.getString("key")).isEqualTo(key);
              assertThat(l.getString("state")).isEqualTo("EXCLUSIVE");
            });
    JsonObject stats = state.getJsonObject("stats");
    assertThat(stats.getJsonNumber("hits").longValue()).isPositive();
    assertThat(stats.keySet())
        .contains(
            "misses",
            "hitRatio",
            "evictions",
            "invalidationsSent",
            "invalidationsReceived",
            "writeBacks",
            "transitions");
    assertThat(stats.getJsonObject("transitions").keySet()).contains("I->E");

    JsonObject status = json(Http.get(ItServer.url("/status"), T));
    assertThat(status.getJsonObject("cache").getBoolean("serving")).isTrue();

    String metrics = Http.get(ItServer.url("/metrics"), T).body();
    assertThat(metrics)
        .contains("cache_hits_total")
        .contains("cache_misses_total")
        .contains("cache_hit_ratio")
        .contains("cache_transitions_total")
        .contains("cache_lines");
  }

  @Test
  void the_state_endpoints_lines_come_in_pages_that_follow_nextCursor_and_the_header() {
    List<String> mine = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String key = "pg-" + RUN + "-" + i;
      mine.add(key);
      assertThat(put(key, "{\"value\": " + i + "}").status()).isEqualTo(200);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    int size;
    do {
      Reply r =
          Http.get(
              ItServer.url("/cache/state?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)),
              T);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonObject state = json(r);
      List<JsonObject> lines = state.getJsonArray("lines").getValuesAs(JsonObject.class);
      assertThat(lines).hasSizeLessThanOrEqualTo(2);
      lines.forEach(l -> seen.add(l.getString("key")));
      assertThat(state.containsKey("nextCursor")).as("nextCursor is always there").isTrue();
      cursor = state.isNull("nextCursor") ? null : state.getString("nextCursor");
      assertThat(r.header("Next-Cursor")).isEqualTo(cursor);
      if (cursor != null) {
        assertThat(lines).hasSize(2);
      }
      size = state.getInt("size");
      assertThat(++pages).isLessThan(10_000);
    } while (cursor != null);
    assertThat(seen).isSorted().doesNotHaveDuplicates().containsAll(mine).hasSize(size);
    assertThat(pages).isGreaterThanOrEqualTo(3);

    Reply bad = Http.get(ItServer.url("/cache/state?limit=0"), T);
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(json(bad).getString("error")).isEqualTo("INVALID_REQUEST");
    assertThat(Http.get(ItServer.url("/cache/state?cursor=%21"), T).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"ttlMs\": 5}",
        "[1, 2]",
        "\"just a string\"",
        "{\"value\": 1, \"ttlMs\": 0}",
        "{\"value\": 1, \"ttlMs\": -5}",
        "{\"value\": 1, \"ttlMs\": 1.5}",
        "{\"value\": 1, \"ttlMs\": \"soon\"}",
        "{\"value\": 1, \"ttlMs\": 99999999999999999999}",
        "{\"value\": ",
        "not json"
      })
  void a_bad_put_body_is_400_invalid_request(String body) {
    Reply r = put("api-" + RUN + "-bad", body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(json(r).getString("error")).isEqualTo("INVALID_REQUEST");
  }

  @ParameterizedTest
  @CsvSource({"bad%20key", "caf%C3%A9", "semi%3Bcolon", "star*"})
  void a_bad_key_is_400_invalid_request(String encoded) {
    Reply r = get(encoded);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(json(r).getString("error")).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void a_key_over_256_characters_is_400_and_256_is_fine() {
    assertThat(get("k".repeat(257)).status()).isEqualTo(400);
    assertThat(put("k".repeat(256), "{\"value\": 1}").status()).isEqualTo(200);
  }

  @Test
  void invalidate_needs_a_key() {
    Reply r = Http.sendJson("POST", ItServer.url("/cache/invalidate"), "{}", T);
    assertThat(r.status()).isEqualTo(400);
    Reply bad = Http.sendJson("POST", ItServer.url("/cache/invalidate"), "{\"key\": \"a b\"}", T);
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void the_internal_endpoints_need_the_cluster_secret() {
    Reply r =
        Http.sendJson(
            "POST",
            ItServer.url("/internal/cache/invalidate"),
            "{\"key\": \"x\", \"epoch\": 1}",
            T);
    assertThat(r.status()).isEqualTo(401);
  }
}
