package io.distsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Every refusal is a JSON body with a code, never an HTML page or a stack trace. */
class ErrorContractIT {

  @Test
  void unknown_path_is_404_NOT_FOUND() {
    assertError(Http.get(ItServer.url("/no/such/thing")), 404, "NOT_FOUND");
  }

  @Test
  void wrong_method_is_405_METHOD_NOT_ALLOWED() {
    Reply r = Http.send("DELETE", ItServer.url("/status"), null, "");
    assertError(r, 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void body_over_one_mebibyte_is_413_PAYLOAD_TOO_LARGE() {
    String big = "\"" + "x".repeat(1024 * 1024 + 10) + "\"";
    Reply r = Http.send("POST", ItServer.url("/status"), "application/json", big);
    assertError(r, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void internal_endpoint_without_the_secret_is_401_UNAUTHORIZED() {
    assertError(Http.get(ItServer.url("/internal/ping")), 401, "UNAUTHORIZED");
  }

  @Test
  void internal_endpoint_with_a_wrong_secret_is_401_and_with_the_right_one_200() {
    Reply wrong =
        Http.send(
            HttpRequest.newBuilder(URI.create(ItServer.url("/internal/ping")))
                .header("X-Cluster-Secret", "it-secreT"));
    assertError(wrong, 401, "UNAUTHORIZED");

    Reply right =
        Http.send(
            HttpRequest.newBuilder(URI.create(ItServer.url("/internal/ping")))
                .header("X-Cluster-Secret", "it-secret"));
    assertThat(right.status()).isEqualTo(200);
    assertThat(((JsonObject) right.json()).getString("nodeId")).isEqualTo("it1");
  }

  private static void assertError(Reply r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonObject body = (JsonObject) r.json();
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message"))
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
