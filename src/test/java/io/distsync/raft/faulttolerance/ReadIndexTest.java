package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.RaftConfig;
import io.distsync.raft.sim.SimCluster;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReadIndexTest extends Scenario {

  @Test
  void when_followerReadsAfterACommittedWrite_then_itSeesTheWrite() {
    start(61, 3, RaftConfig.defaults());
    write("k", "v1");
    SimCluster.SimNode follower = followers().get(0);
    allApplied(commitIndex());
    // The follower misses the next write entirely (the leader commits it with the other one)...
    cluster.network.blockOneWay(leader().id, follower.id);
    write("k", "v2");
    assertThat(valueOn(follower, "k")).as("a local read would be stale").isEqualTo("v1");
    cluster.network.heal();
    // ...yet a read on it, through ReadIndex, returns the committed value.
    CompletableFuture<Object> read = client.get(follower.raft(), "k");
    eventually(1_000, "read completes", read::isDone);
    assertThat(read).isCompletedWithValue("v2");
  }

  @Test
  void when_leaderIsCutOff_then_itsReadsDoNotComplete() {
    start(62, 3, RaftConfig.defaults());
    write("k", "v1");
    SimCluster.SimNode old = leader();
    cluster.network.isolate(old.id, cluster.ids());
    CompletableFuture<Object> staleRead = client.get(old.raft(), "k");
    eventually(
        3_000,
        "others elect a new leader",
        () -> cluster.upNodes().stream().anyMatch(n -> !n.id.equals(old.id) && isLeader(n.raft())));
    SimCluster.SimNode fresh =
        cluster.upNodes().stream()
            .filter(n -> !n.id.equals(old.id) && isLeader(n.raft()))
            .findFirst()
            .get();
    CompletableFuture<Object> w = client.put(fresh.raft(), "k", "v2");
    eventually(1_000, "new write", w::isDone);
    cluster.runFor(500);
    // The isolated leader cannot confirm leadership, so it never returns the stale v1.
    assertThat(staleRead.isDone() && !staleRead.isCompletedExceptionally()).isFalse();
  }
}
