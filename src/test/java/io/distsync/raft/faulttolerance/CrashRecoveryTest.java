package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.LogEntry;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.sim.SimCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashRecoveryTest extends Scenario {

  @Test
  void when_nodeRestartsWithTornLogTail_then_unsyncedEntriesAreGoneAndCommittedOnesSurvive() {
    start(51, 3, RaftConfig.defaults());
    cluster.setMaxSyncDelayMs(40); // slow disks: a window where appended entries are not synced
    for (int i = 0; i < 5; i++) {
      write("k" + i, "v" + i);
    }
    long committed = commitIndex();
    SimCluster.SimNode l = leader();
    // Isolate the leader and give it entries it appends but cannot commit.
    cluster.network.isolate(l.id, cluster.ids());
    for (int i = 0; i < 5; i++) {
      client.put(l.raft(), "lost" + i, "x");
    }
    cluster.runFor(1);
    long appended = l.status().lastLogIndex();
    assertThat(appended).isGreaterThan(committed);
    assertThat(l.status().durableIndex()).as("tail not yet synced").isLessThan(appended);

    cluster.crash(l.id, true); // power failure: unsynced writes are lost
    List<LogEntry> recovered = cluster.node(l.id).store().entries();
    assertThat(recovered.get(recovered.size() - 1).index())
        .as("torn tail cut")
        .isLessThan(appended);
    // Committed entries survive on a majority (counting the recovered node), if not on every node.
    long durableElsewhere =
        cluster.nodes().stream().filter(n -> n.store().durableIndex() >= committed).count();
    assertThat(durableElsewhere)
        .as("committed=" + committed + " " + cluster)
        .isGreaterThanOrEqualTo(2);
    cluster.network.heal();
    cluster.start(l.id);

    write("after", "restart");
    SimCluster.SimNode back = cluster.node(l.id);
    eventually(3_000, "restarted node catches up", () -> "restart".equals(valueOn(back, "after")));
    for (int i = 0; i < 5; i++) {
      assertThat(valueOn(back, "k" + i)).isEqualTo("v" + i);
      assertThat(valueOn(back, "lost" + i)).isEqualTo("null");
    }
  }

  @Test
  void when_wholeClusterRestarts_then_stateIsRecoveredFromTheStores() {
    start(52, 3, RaftConfig.builder().snapshotThresholdEntries(8).build());
    for (int i = 0; i < 20; i++) {
      write("k" + i, "v" + i);
    }
    long term = leader().status().term();
    for (SimCluster.SimNode n : cluster.nodes()) {
      cluster.crash(n.id, true);
    }
    cluster.startAll();
    eventually(3_000, "a leader again", () -> cluster.leader().isPresent());
    assertThat(leader().status().term()).isGreaterThan(term);
    write("after", "restart");
    allApplied(commitIndex());
    for (SimCluster.SimNode n : cluster.upNodes()) {
      for (int i = 0; i < 20; i++) {
        assertThat(valueOn(n, "k" + i)).isEqualTo("v" + i);
      }
    }
  }
}
