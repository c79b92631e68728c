package io.distsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.fuzz.RawExchange;
import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile inputs that once broke the error contract (a 500, an HTML page, another JSON shape, a
 * value silently altered), each answered now with a 4xx and the contract's JSON body.
 */
class HostileInputIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @ParameterizedTest
  @ValueSource(strings = {"/queues/hostile-q-RUN/messages:payload", "/cache/hostile-key-RUN:value"})
  void a_value_nested_a_thousand_levels_deep_is_400_not_500(String target) {
    String[] t = target.replace("RUN", RUN).split(":");
    String deep = "[".repeat(1000) + "]".repeat(1000);
    Reply r =
        Http.send(
            t[0].startsWith("/cache") ? "PUT" : "POST",
            ItServer.url(t[0]),
            "application/json",
            "{\"" + t[1] + "\":" + deep + "}");
    assertError(r, 400, "INVALID_REQUEST");
    assertThat(message(r)).contains("nested deeper than 64");
  }

  @Test
  void an_encoded_slash_in_a_cache_key_is_a_json_4xx_not_an_html_page() {
    Reply r = Http.send("PUT", ItServer.url("/cache/a%2Fb"), "application/json", "{\"value\":1}");
    assertThat(r.status()).as(r.body()).isBetween(400, 499);
    assertJson(r);
  }

  @Test
  void a_nul_in_a_lock_name_is_refused_by_the_web_container_with_400_and_no_detail()
      throws Exception {
    // Outside the application's reach (see docs/api.md, Strict JSON): Liberty refuses the URI
    // before any web application runs. Sent without the contract check, which it cannot meet.
    var r =
        Http.client()
            .send(
                HttpRequest.newBuilder(URI.create(ItServer.url("/locks/a%00b")))
                    .header("Accept", "application/json")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("CWWWC0005I").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\ud800", "a\\udc00", "x\\ud83d"})
  void a_lone_surrogate_is_refused_rather_than_stored_as_a_question_mark(String escaped) {
    Reply produce =
        Http.send(
            "POST",
            ItServer.url("/queues/hostile-" + RUN + "/messages"),
            "application/json",
            "{\"payload\":\"" + escaped + "\"}");
    assertError(produce, 400, "INVALID_REQUEST");
    assertThat(message(produce)).contains("unpaired surrogate");

    Reply put =
        Http.send(
            "PUT",
            ItServer.url("/cache/hostile-" + RUN),
            "application/json",
            "{\"value\":\"" + escaped + "\"}");
    assertError(put, 400, "INVALID_REQUEST");
  }

  @Test
  void a_payload_with_every_kind_of_character_comes_back_as_it_was_sent() {
    String queue = "hostile-roundtrip-" + RUN;
    String payload = "{\"s\":\"é 日本 😀 \\u0000 \\u202e \\uffff e\\u0301\",\"n\":[1.50,1E+2,-7]}";
    Reply produced =
        Http.send(
            "POST",
            ItServer.url("/queues/" + queue + "/messages"),
            "application/json",
            "{\"payload\":" + payload + "}");
    assertThat(produced.status()).as(produced.body()).isEqualTo(201);
    Reply consumed =
        Http.sendJson(
            "POST",
            ItServer.url("/queues/" + queue + "/consume"),
            "{\"consumer\":\"c\"}",
            java.time.Duration.ofSeconds(10));
    JsonObject message = ((JsonObject) consumed.json()).getJsonArray("messages").getJsonObject(0);
    JsonObject got = message.getJsonObject("payload");
    assertThat(got.getString("s")).isEqualTo("é 日本 😀 \u0000 \u202e \uffff e\u0301");
    assertThat(got.getJsonArray("n").toString()).isEqualTo("[1.50,1E+2,-7]");
    Http.send("DELETE", ItServer.url("/queues/" + queue), null, "");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\"just a string\"", "[1]", "42", "{\"payload\":1} trailing", "{\"payload\":1}{}"})
  void a_body_that_is_not_exactly_one_object_is_400_with_a_message_that_says_so(String body) {
    Reply r =
        Http.send(
            "POST", ItServer.url("/queues/hostile-" + RUN + "/messages"), "application/json", body);
    assertError(r, 400, "INVALID_REQUEST");
    assertThat(message(r)).doesNotContain("Internal error").doesNotContain("null");
  }

  @Test
  void a_member_named_twice_is_400() {
    Reply r =
        Http.send(
            "POST",
            ItServer.url("/locks/acquire"),
            "application/json",
            "{\"resource\":\"a\",\"owner\":\"o\",\"owner\":\"p\"}");
    assertError(r, 400, "INVALID_REQUEST");
    assertThat(message(r)).contains("\"owner\" appears twice");
  }

  @Test
  void bytes_that_are_not_utf8_and_a_charset_that_is_not_utf8_are_refused() {
    byte[] latin1 = "{\"payload\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    Reply bytes =
        Http.send(
            HttpRequest.newBuilder(URI.create(ItServer.url("/queues/hostile-" + RUN + "/messages")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));
    assertError(bytes, 400, "INVALID_REQUEST");
    Reply charset =
        Http.send(
            "POST",
            ItServer.url("/queues/hostile-" + RUN + "/messages"),
            "application/json; charset=ISO-8859-1",
            "{\"payload\":1}");
    assertError(charset, 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"from=abc", "limit=abc", "from=", "limit=1e3"})
  void a_query_parameter_that_does_not_parse_is_400_not_404(String query) {
    assertError(Http.get(ItServer.url("/raft/log?" + query)), 400, "INVALID_REQUEST");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/raft/members/a/b?cursor=%zz",
        "/locks?cursor=%",
        "/status?x=%G1",
        "/nowhere?a=%"
      })
  void a_query_that_is_not_valid_percent_encoding_is_400_not_500(String target) throws Exception {
    URI base = URI.create(ItServer.url("/"));
    RawExchange.Answer a =
        RawExchange.send(base.getHost(), base.getPort(), "GET", target, List.of(), null);
    assertThat(a.status()).as(a.text()).isEqualTo(400);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    assertThat(a.text()).contains("\"INVALID_REQUEST\"").contains("percent-encoding");
  }

  private static String message(Reply r) {
    return ((JsonObject) r.json()).getString("message");
  }

  private static void assertJson(Reply r) {
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonObject body = (JsonObject) r.json();
    assertThat(body.getString("error")).isNotBlank();
    assertThat(body.getString("message")).isNotBlank();
  }

  private static void assertError(Reply r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertJson(r);
    assertThat(((JsonObject) r.json()).getString("error")).isEqualTo(code);
  }
}
