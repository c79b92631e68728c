package io.distsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.deploy.Dashboard;
import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard (docker/grafana/dashboards/distsync.json) queries only metrics the running
 * application exports. First it uses every feature once, through the public contract, so that
 * metrics registered on first use exist: a Raft no-op; a lock granted, refused (409) and waited
 * for, then released; a queue message produced, consumed and acked, another nacked until
 * dead-lettered; a cache put, a hit and a miss. Then it reads {@code /metrics} of the build's
 * {@code it} server.
 */
class DashboardMetricsIT {
  private static final Logger LOG = Logger.getLogger(DashboardMetricsIT.class.getName());
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> EXERCISED = new ArrayList<>();

  @BeforeAll
  static void use_every_feature_once() {
    call("POST", "/raft/noop", "{\"tag\":\"dashboard-it\"}");
    call(
        "POST",
        "/locks/acquire",
        "{\"resource\":\"dashboard-it\",\"owner\":\"a\",\"ttlMs\":30000}");
    call("POST", "/locks/acquire", "{\"resource\":\"dashboard-it\",\"owner\":\"b\",\"waitMs\":0}");
    call(
        "POST", "/locks/acquire", "{\"resource\":\"dashboard-it\",\"owner\":\"b\",\"waitMs\":300}");
    call("POST", "/locks/release", "{\"resource\":\"dashboard-it\",\"owner\":\"a\"}");
    call("GET", "/locks/dashboard-it", null);

    String q = "/queues/dashboard-it";
    call("POST", q + "/messages", "{\"payload\":{\"n\":1}}");
    String receipt = firstReceipt(call("POST", q + "/consume", "{\"consumer\":\"c\",\"max\":1}"));
    call("POST", q + "/ack", "{\"receipts\":[\"" + receipt + "\"]}");
    call("POST", q + "/messages", "{\"payload\":{\"n\":2}}");
    for (int i = 0; i < 8; i++) {
      String r = firstReceipt(call("POST", q + "/consume", "{\"consumer\":\"c\",\"max\":1}"));
      if (r.isEmpty()) {
        break;
      }
      call("POST", q + "/nack", "{\"receipts\":[\"" + r + "\"],\"delayMs\":0}");
    }
    call("GET", q + "/dead-letters", null);
    call("GET", q, null);

    call("PUT", "/cache/dashboard-it", "{\"value\":\"v\"}");
    call("GET", "/cache/dashboard-it", null);
    call("GET", "/cache/dashboard-it-missing", null);
    call("GET", "/cache/state", null);
  }

  @Test
  void when_grafana_queries_a_metric_then_the_application_exports_it() {
    Reply metrics = Http.get(ItServer.url("/metrics"));
    assertThat(metrics.status()).isEqualTo(200);
    Set<String> exported = exportedNames(metrics.body());
    Set<String> missing = new TreeSet<>(Dashboard.load().metricNames());
    missing.removeAll(exported);
    assertThat(missing)
        .as(
            "dashboard metrics that /metrics does not export (after: %s)",
            String.join(", ", EXERCISED))
        .isEmpty();
  }

  /** The series names of a Prometheus text exposition. */
  static Set<String> exportedNames(String text) {
    Set<String> names = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
        end++;
      }
      names.add(line.substring(0, end));
    }
    return names;
  }

  private static Reply call(String method, String path, String body) {
    try {
      Reply r = Http.sendJson(method, ItServer.url(path), body, TIMEOUT);
      EXERCISED.add(method + " " + path + " " + r.status());
      return r;
    } catch (UncheckedIOException e) {
      EXERCISED.add(method + " " + path + " failed: " + e.getMessage());
      LOG.warning(method + " " + path + ": " + e);
      return null;
    }
  }

  private static String firstReceipt(Reply r) {
    if (r == null || r.status() != 200) {
      return "";
    }
    var messages = r.json().asJsonObject().getJsonArray("messages");
    return messages == null || messages.isEmpty()
        ? ""
        : messages.getJsonObject(0).get("receipt").toString().replaceAll("^\"|\"$", "");
  }
}
