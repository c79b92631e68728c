package io.distsync.cluster.raft;

import io.distsync.raft.RaftListener;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Raft figures as MicroProfile Metrics (Prometheus names under {@code /metrics}): term, role,
 * commit index, last applied, elections started, leader changes, AppendEntries round trip, proposal
 * latency, fsync latency and entries per batch. Fed by the engine's {@link RaftListener} hooks,
 * which run on the node's executor and must stay cheap.
 */
@ApplicationScoped
public class RaftMetrics implements RaftListener {

  @Inject MetricRegistry registry;

  /** Registers the gauges that read the node's published status. */
  void watch(RaftNode node) {
    registry.gauge("raft_term", () -> node.status().term());
    registry.gauge("raft_commit_index", () -> node.status().commitIndex());
    registry.gauge("raft_last_applied", () -> node.status().lastApplied());
    registry.gauge("raft_last_log_index", () -> node.status().lastLogIndex());
    registry.gauge("raft_snapshot_index", () -> node.status().snapshotIndex());
    for (RaftRole role : RaftRole.values()) {
      registry.gauge(
          "raft_role",
          () -> node.status().role() == role ? 1 : 0,
          new Tag("role", role.name().toLowerCase()));
    }
  }

  @Override
  public void onElectionStarted(String nodeId, long term, boolean preVote) {
    registry
        .counter("raft_elections_started", new Tag("kind", preVote ? "pre_vote" : "vote"))
        .inc();
  }

  @Override
  public void onLeaderChanged(String nodeId, String leaderId, long term) {
    registry.counter("raft_leader_changes").inc();
  }

  @Override
  public void onAppendEntriesRoundTrip(String nodeId, String followerId, long millis) {
    registry.timer("raft_append_entries_rtt").update(Duration.ofMillis(millis));
  }

  @Override
  public void onProposalLatency(String nodeId, long millis) {
    registry.timer("raft_proposal_latency").update(Duration.ofMillis(millis));
  }

  @Override
  public void onFsync(String nodeId, long millis, long durableIndex) {
    registry.timer("raft_fsync_latency").update(Duration.ofMillis(millis));
  }

  @Override
  public void onEntriesPerBatch(String nodeId, int entries) {
    registry.histogram("raft_entries_per_batch").update(entries);
  }

  @Override
  public void onSnapshotTaken(String nodeId, long lastIncludedIndex) {
    registry.counter("raft_snapshots_taken").inc();
  }
}
