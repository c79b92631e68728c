package io.distsync.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.error.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
  private static final StrictJson.Limits LIMITS = new StrictJson.Limits(64, 1000, 100);

  private static String check(String body) {
    return StrictJson.check(body.getBytes(StandardCharsets.UTF_8), LIMITS);
  }

  private static void refused(String body, String why) {
    assertThatThrownBy(() -> check(body))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining(why)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        " {\"payload\": {\"a\": [1, 2.5e10, -0, true, false, null, \"x\"]}} \n",
        "{\"value\": \"\\ud83d\\ude00 and \\u00e9 and 日本\"}",
        "{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}]}",
      })
  void strict_json_within_the_limits_passes_unchanged(String body) {
    assertThat(check(body)).isEqualTo(body);
  }

  @Test
  void nesting_is_bounded_where_the_parser_would_otherwise_fail_at_a_thousand() {
    // The body is level 1: 63 arrays in it make 64 levels, the most allowed.
    check("{\"v\":" + "[".repeat(63) + "]".repeat(63) + "}");
    refused("{\"v\":" + "[".repeat(64) + "]".repeat(64) + "}", "nested deeper than 64");
    refused("{\"v\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "nested deeper than 64");
  }

  @Test
  void strings_names_members_and_numbers_are_bounded() {
    check("{\"v\":\"" + "x".repeat(1000) + "\"}");
    refused("{\"v\":\"" + "x".repeat(1001) + "\"}", "A string is longer than 1000");
    refused("{\"" + "k".repeat(1001) + "\":1}", "A member name is longer");
    refused("{\"v\":[" + "1,".repeat(100) + "1]}", "more than 100 members");
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i <= 100; i++) {
      wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
    }
    refused(wide.append("}").toString(), "more than 100 members");
    refused("{\"v\":1" + "0".repeat(100) + "}", "A number is longer than 100");
  }

  @Test
  void one_object_and_nothing_after_it() {
    refused("\"just a string\"", "one JSON object");
    refused("[1]", "one JSON object");
    refused("{\"a\":1} trailing", "more after its JSON value");
    refused("{\"a\":1}{\"b\":2}", "more after its JSON value");
    refused("{\"a\":", "Malformed JSON body");
  }

  @Test
  void lone_surrogates_duplicate_names_and_bytes_that_are_not_utf8_are_refused() {
    refused("{\"v\":\"\\ud800\"}", "unpaired surrogate (\\ud800)");
    refused("{\"v\":\"\\udc00x\"}", "unpaired surrogate");
    refused("{\"v\":\"a\\ud83d\"}", "unpaired surrogate");
    refused("{\"a\":1,\"a\":2}", "\"a\" appears twice");
    byte[] latin1 = "{\"v\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> StrictJson.check(latin1, LIMITS)).hasMessageContaining("UTF-8");
  }
}
