package io.distsync.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.contract.Contract;
import io.distsync.testing.contract.ResponseContract;
import io.distsync.testing.contract.ResponseContract.Answer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check every integration test runs on every answer bites: answers the document allows pass,
 * and each kind of drift is reported.
 */
class ResponseContractTest {
  private static final ResponseContract CONTRACT = new ResponseContract(Contract.built());
  private static final Map<String, List<String>> JSON =
      Map.of("Content-Type", List.of("application/json"));
  private static final String GRANT =
      "{\"resource\":\"a\",\"owner\":\"o\",\"mode\":\"exclusive\",\"fencingToken\":7,"
          + "\"expiresAt\":1,\"holdCount\":1}";

  private static List<String> check(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    return CONTRACT.violations(
        new Answer(method, URI.create("http://node:9080" + path), status, headers, body));
  }

  @Test
  void allowed_answers_pass() {
    assertThat(check("POST", "/locks/acquire", 200, JSON, GRANT)).isEmpty();
    assertThat(
            check(
                "POST",
                "/queues/orders/consume",
                200,
                JSON,
                "{\"messages\":[{\"id\":\"0-1\",\"payload\":null,\"key\":null,\"priority\":0,"
                    + "\"deliveries\":1,\"receipt\":\"0-1.x\",\"producedAt\":1}],\"acked\":0}"))
        .isEmpty();
    assertThat(
            check(
                "POST",
                "/locks/acquire",
                409,
                JSON,
                "{\"error\":\"DEADLOCK\",\"message\":\"m\",\"resource\":\"a\",\"cycle\":[\"o\"]}"))
        .isEmpty();
    assertThat(check("DELETE", "/cache/a/b", 204, Map.of(), "")).isEmpty();
  }

  @Test
  void a_status_the_operation_does_not_declare_is_reported() {
    assertThat(check("GET", "/raft/leader", 409, JSON, "{\"error\":\"X\",\"message\":\"m\"}"))
        .isNotEmpty();
    assertThat(check("POST", "/locks/acquire", 500, JSON, "{\"error\":\"INTERNAL_ERROR\"}"))
        .isNotEmpty();
  }

  @Test
  void a_missing_an_extra_or_a_mistyped_field_is_reported() {
    assertThat(check("POST", "/locks/acquire", 200, JSON, GRANT.replace(",\"holdCount\":1", "")))
        .isNotEmpty();
    assertThat(check("POST", "/locks/acquire", 200, JSON, GRANT.replace("}", ",\"extra\":1}")))
        .isNotEmpty();
    assertThat(check("POST", "/locks/acquire", 200, JSON, GRANT.replace("7", "\"7\"")))
        .isNotEmpty();
    assertThat(check("POST", "/locks/acquire", 200, JSON, GRANT.replace("exclusive", "EXCL")))
        .isNotEmpty();
  }

  @Test
  void a_503_without_retry_after_and_an_error_that_is_not_json_are_reported() {
    String unavailable = "{\"error\":\"NO_QUORUM\",\"message\":\"m\"}";
    assertThat(check("POST", "/locks/release", 503, JSON, unavailable)).isNotEmpty();
    assertThat(
            check(
                "POST",
                "/locks/release",
                503,
                Map.of("Content-Type", List.of("application/json"), "Retry-After", List.of("1")),
                unavailable))
        .isEmpty();
    assertThat(
            check(
                "GET",
                "/no/such/path",
                404,
                Map.of("Content-Type", List.of("text/html")),
                "<html>Error 404</html>"))
        .isNotEmpty();
    assertThat(
            check("GET", "/no/such/path", 404, JSON, "{\"error\":\"NOT_FOUND\",\"message\":\"m\"}"))
        .isEmpty();
  }
}
