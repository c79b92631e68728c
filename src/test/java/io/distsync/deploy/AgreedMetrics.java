package io.distsync.deploy;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names the team agreed on (MicroProfile Metrics names) and the names Liberty's
 * Prometheus output gives them, as measured on a live server (MP Metrics 5.1): a counter {@code x}
 * becomes {@code x_total}; a timer {@code x} becomes {@code x_seconds} (quantiles), {@code
 * x_seconds_count}, {@code x_seconds_sum} and {@code x_seconds_max}; a gauge keeps its name. Every
 * series carries {@code mp_scope="application"} plus the metric's own tags.
 */
public final class AgreedMetrics {
  static final Set<String> GAUGES =
      Set.of(
          "raft_term",
          "raft_role",
          "raft_commit_index",
          "raft_last_applied",
          "raft_last_log_index",
          "raft_snapshot_index",
          "lock_held",
          "lock_waiters",
          "queue_depth",
          "queue_in_flight",
          "cache_hit_ratio",
          "cache_lines");
  static final Set<String> COUNTERS =
      Set.of(
          "raft_elections_started",
          "raft_leader_changes",
          "lock_grants",
          "lock_conflicts",
          "lock_waits",
          "lock_expiries",
          "lock_deadlocks_refused",
          "lock_deadlock_cycles_found",
          "queue_produced",
          "queue_delivered",
          "queue_redelivered",
          "queue_acked",
          "queue_dead_lettered",
          "cache_hits",
          "cache_misses",
          "cache_evictions",
          "cache_invalidations_sent",
          "cache_invalidations_received",
          "cache_write_backs",
          "cache_transitions");
  static final Set<String> TIMERS =
      Set.of(
          "raft_append_entries_rtt",
          "raft_proposal_latency",
          "raft_fsync_latency",
          "lock_acquire_latency",
          "lock_wait_time",
          "queue_end_to_end_latency");

  private AgreedMetrics() {}

  /** Every Prometheus series name the agreed metrics export. */
  public static Set<String> exportedNames() {
    Set<String> names = new TreeSet<>(GAUGES);
    COUNTERS.forEach(c -> names.add(c + "_total"));
    for (String t : TIMERS) {
      for (String suffix :
          new String[] {"_seconds", "_seconds_count", "_seconds_sum", "_seconds_max"}) {
        names.add(t + suffix);
      }
    }
    return names;
  }
}
