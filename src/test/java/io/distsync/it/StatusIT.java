package io.distsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jaxrs.RESTClient;
import org.microshed.testing.jupiter.MicroShedTest;

/** {@code GET /status} on the build's server, through MicroShed's REST client. */
@MicroShedTest
public class StatusIT {

  @RESTClient public static StatusApi api;

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
