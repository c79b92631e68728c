package io.distsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard parses, every query selects at least one metric, and every metric it
 * selects is an agreed name in its Prometheus form ({@link AgreedMetrics}). That the running
 * application exports them is {@code io.distsync.it.DashboardMetricsIT}.
 */
class DashboardTest {
  private final Dashboard dashboard = Dashboard.load();

  @Test
  void when_loaded_then_every_query_selects_a_metric() {
    assertThat(dashboard.queries()).hasSizeGreaterThan(20);
    for (Dashboard.Query q : dashboard.queries()) {
      assertThat(PromQl.metricNames(q.expr())).as(q.where() + ": " + q.expr()).isNotEmpty();
    }
  }

  @Test
  void when_loaded_then_every_metric_is_an_agreed_name_in_its_exported_form() {
    Set<String> unknown = new TreeSet<>(dashboard.metricNames());
    unknown.removeAll(AgreedMetrics.exportedNames());
    assertThat(unknown).isEmpty();
  }

  @Test
  void when_loaded_then_raft_locks_queues_and_cache_are_all_shown() {
    assertThat(dashboard.metricNames())
        .contains(
            "raft_role",
            "raft_term",
            "raft_commit_index",
            "lock_grants_total",
            "lock_waits_total",
            "lock_acquire_latency_seconds",
            "queue_depth",
            "queue_produced_total",
            "queue_acked_total",
            "cache_hit_ratio",
            "cache_lines");
  }

  @Test
  void when_loaded_then_panels_use_the_provisioned_datasource_and_do_not_overlap() {
    Set<String> cells = new TreeSet<>();
    for (JsonValue v : dashboard.json().getJsonArray("panels")) {
      JsonObject panel = v.asJsonObject();
      if (!"row".equals(panel.getString("type"))) {
        assertThat(panel.getJsonObject("datasource").getString("uid"))
            .isEqualTo("distsync-prometheus");
      }
      JsonObject pos = panel.getJsonObject("gridPos");
      for (int x = pos.getInt("x"); x < pos.getInt("x") + pos.getInt("w"); x++) {
        for (int y = pos.getInt("y"); y < pos.getInt("y") + pos.getInt("h"); y++) {
          assertThat(cells.add(x + "," + y))
              .as("panel '%s' overlaps at %d,%d", panel.getString("title"), x, y)
              .isTrue();
        }
      }
    }
  }
}
