package io.distsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void when_aggregated_with_grouping_and_ranges_then_only_metric_names_remain() {
    assertThat(
            PromQl.metricNames(
                "sum by (node, mode) (rate(lock_grants_total{node=~\"$node\"}[1m])) / on (node)"
                    + " group_left sum without (x) (rate(lock_acquire_latency_seconds_count[$__rate_interval]))"))
        .containsExactlyInAnyOrder("lock_grants_total", "lock_acquire_latency_seconds_count");
  }

  @Test
  void when_numbers_keywords_and_offsets_appear_then_they_are_not_names() {
    assertThat(
            PromQl.metricNames(
                "max by (node) (raft_role{role=\"leader\"}) * 4 + 1e3 > bool 0.5 or raft_term offset 5m"))
        .containsExactlyInAnyOrder("raft_role", "raft_term");
  }

  @Test
  void when_a_grafana_variable_query_then_its_metric_is_found() {
    assertThat(PromQl.metricNames("label_values(raft_term, node)")).containsExactly("raft_term");
  }

  @Test
  void when_quantile_selectors_then_the_name_is_the_summary() {
    assertThat(
            PromQl.metricNames("histogram_quantile(0.95, x_bucket) + y_seconds{quantile=\"0.95\"}"))
        .containsExactlyInAnyOrder("x_bucket", "y_seconds");
  }
}
