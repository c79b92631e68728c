package io.distsync.cluster.raft;

import io.distsync.raft.RaftListener;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Raft figures as MicroProfile Metrics (Prometheus names under {@code /metrics}): term, role,
 * commit index, last applied, elections started, leader changes, AppendEntries round trip, proposal
 * latency, fsync latency and entries per batch. Fed by the engine's {@link RaftListener} hooks,
 * which run on the node's executor and must stay cheap.
 */
@ApplicationScoped
public class RaftMetrics implements RaftListener {

  @Inject MetricRegistry registry;

  /** The handles, looked up once: a registry look-up per update costs more than the update. */
  private record Handles(
      Counter preVotes,
      Counter votes,
      Counter leaderChanges,
      Counter snapshots,
      Timer roundTrip,
      Timer proposal,
      Timer fsync,
      Histogram batch) {}

  private volatile Handles h;

  /** Registers the gauges that read the node's published status. */
  void watch(RaftNode node) {
    h =
        new Handles(
            registry.counter("raft_elections_started", new Tag("kind", "pre_vote")),
            registry.counter("raft_elections_started", new Tag("kind", "vote")),
            registry.counter("raft_leader_changes"),
            registry.counter("raft_snapshots_taken"),
            registry.timer("raft_append_entries_rtt"),
            registry.timer("raft_proposal_latency"),
            registry.timer("raft_fsync_latency"),
            registry.histogram("raft_entries_per_batch"));
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
    Handles x = h;
    if (x != null) {
      (preVote ? x.preVotes : x.votes).inc();
    }
  }

  @Override
  public void onLeaderChanged(String nodeId, String leaderId, long term) {
    Handles x = h;
    if (x != null) {
      x.leaderChanges.inc();
    }
  }

  @Override
  public void onAppendEntriesRoundTrip(String nodeId, String followerId, long millis) {
    Handles x = h;
    if (x != null) {
      x.roundTrip.update(Duration.ofMillis(millis));
    }
  }

  @Override
  public void onProposalLatency(String nodeId, long millis) {
    Handles x = h;
    if (x != null) {
      x.proposal.update(Duration.ofMillis(millis));
    }
  }

  @Override
  public void onFsync(String nodeId, long millis, long durableIndex) {
    Handles x = h;
    if (x != null) {
      x.fsync.update(Duration.ofMillis(millis));
    }
  }

  @Override
  public void onEntriesPerBatch(String nodeId, int entries) {
    Handles x = h;
    if (x != null) {
      x.batch.update(entries);
    }
  }

  @Override
  public void onSnapshotTaken(String nodeId, long lastIncludedIndex) {
    Handles x = h;
    if (x != null) {
      x.snapshots.inc();
    }
  }
}
