package io.distsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import io.distsync.testing.contract.ApiDocument;
import io.distsync.testing.contract.Contract;
import jakarta.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Health probes, Prometheus metrics and the OpenAPI document where Liberty serves them. */
class PlatformEndpointsIT {

  @Test
  void readiness_is_up_with_redis_and_raft_checks() {
    Reply r = Http.get(ItServer.url("/health/ready"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject body = (JsonObject) r.json();
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")))
        .containsExactlyInAnyOrder("redis", "raft");
  }

  @Test
  void liveness_and_startup_are_up() {
    assertThat(Http.get(ItServer.url("/health/live")).status()).isEqualTo(200);
    assertThat(Http.get(ItServer.url("/health/started")).status()).isEqualTo(200);
  }

  @Test
  void metrics_are_prometheus_text() {
    Reply r = Http.get(ItServer.url("/metrics"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("# TYPE").contains("jvm_uptime_seconds");
  }

  @Test
  void openapi_describes_the_public_api_and_hides_the_internal_one() {
    Reply r = Http.get(ItServer.url("/openapi"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("/status").contains("Error:").doesNotContain("/internal");
  }

  @Test
  void the_served_document_is_the_one_in_the_repository() {
    ApiDocument served = Contract.served(URI.create(ItServer.url("/")));
    assertThat(served).as("GET /openapi?format=JSON").isNotNull();
    JsonNode built = Contract.built().root();

    assertThat(served.root().path("paths")).isEqualTo(built.path("paths"));
    assertThat(served.root().path("components")).isEqualTo(built.path("components"));
    assertThat(served.root().path("info")).isEqualTo(built.path("info"));
    assertThat(served.root().path("servers")).isEqualTo(built.path("servers"));
  }

  @Test
  void openapi_ui_is_served() {
    Reply r = Http.get(ItServer.url("/openapi/ui/"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).containsIgnoringCase("<html");
  }
}
