package io.distsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.contract.ContractFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jaxrs.JsonBProvider;
import org.microshed.testing.jaxrs.RestClientBuilder;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * {@code GET /status} on the build's server, through MicroShed's REST client, its answers checked
 * against the OpenAPI document ({@link ContractFilter}).
 */
@MicroShedTest
public class StatusIT {

  static StatusApi api;

  @BeforeAll
  static void client() {
    api =
        new RestClientBuilder()
            .withProviders(ContractFilter.class, JsonBProvider.class)
            .build(StatusApi.class);
  }

  @Test
  void status_names_the_node_its_redis_and_no_other_peer() {
    Map<String, Object> status = api.status();

    assertThat(status).containsEntry("nodeId", "it1");
    @SuppressWarnings("unchecked")
    Map<String, Object> redis = (Map<String, Object>) status.get("redis");
    assertThat(redis).containsEntry("reachable", true);
    assertThat((String) redis.get("url")).startsWith("redis://localhost:");
    assertThat((List<?>) status.get("peers")).isEmpty();
  }
}
