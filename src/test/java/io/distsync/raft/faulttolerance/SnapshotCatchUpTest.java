package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.RaftConfig;
import io.distsync.raft.sim.SimCluster;
import org.junit.jupiter.api.Test;

class SnapshotCatchUpTest extends Scenario {

  @Test
  void when_followerFallsFarBehind_then_itCatchesUpThroughAChunkedSnapshot() {
    RaftConfig config =
        RaftConfig.builder().snapshotThresholdEntries(20).snapshotChunkBytes(32).build();
    start(21, 3, config);
    SimCluster.SimNode lagging = followers().get(0);
    cluster.crash(lagging.id, false);
    for (int i = 0; i < 60; i++) {
      write("k" + i, "v" + i);
    }
    assertThat(leader().status().snapshotIndex())
        .as("the leader compacted its log")
        .isGreaterThan(lagging.store().entries().size());

    cluster.start(lagging.id);
    long target = commitIndex();
    SimCluster.SimNode back = cluster.node(lagging.id);
    eventually(
        5_000,
        "the lagging follower applies everything",
        () -> back.isUp() && back.status().lastApplied() >= target);
    assertThat(back.status().snapshotIndex()).as("it installed a snapshot").isGreaterThan(0);
    for (int i = 0; i < 60; i++) {
      assertThat(valueOn(back, "k" + i)).isEqualTo("v" + i);
    }
    write("after", "snapshot");
    eventually(
        2_000,
        "log replication resumes after the snapshot",
        () -> "snapshot".equals(valueOn(back, "after")));
  }

  @Test
  void when_logGrowsPastTheThreshold_then_everyNodeCompactsIt() {
    RaftConfig config = RaftConfig.builder().snapshotThresholdEntries(10).build();
    start(22, 3, config);
    for (int i = 0; i < 35; i++) {
      write("k", "v" + i);
    }
    allApplied(commitIndex());
    for (SimCluster.SimNode n : cluster.upNodes()) {
      assertThat(n.status().snapshotIndex()).as(n.id).isGreaterThanOrEqualTo(30);
      assertThat(n.store().entries().size()).as(n.id).isLessThan(12);
      assertThat(valueOn(n, "k")).isEqualTo("v34");
    }
  }
}
