package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.LeadershipLostException;
import io.distsync.raft.NotLeaderException;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftTimeoutException;
import io.distsync.raft.sim.SimCluster;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LeaderFailureTest extends Scenario {

  @Test
  void when_leaderCrashes_then_newLeaderIsElectedAndNoCommittedEntryIsLost() {
    start(11, 5, RaftConfig.defaults());
    for (int i = 0; i < 10; i++) {
      write("k" + i, "v" + i);
    }
    long committed = commitIndex();
    SimCluster.SimNode old = leader();
    long oldTerm = old.status().term();

    cluster.crash(old.id, true);

    eventually(3_000, "a new leader", () -> cluster.leader().isPresent());
    SimCluster.SimNode next = leader();
    assertThat(next.id).isNotEqualTo(old.id);
    assertThat(next.status().term()).isGreaterThan(oldTerm);
    write("after", "crash");
    for (SimCluster.SimNode n : cluster.upNodes()) {
      eventually(
          2_000, n.id + " applies everything", () -> n.status().lastApplied() >= committed + 2);
      for (int i = 0; i < 10; i++) {
        assertThat(valueOn(n, "k" + i)).isEqualTo("v" + i);
      }
    }
    cluster.start(old.id);
    eventually(
        3_000,
        "the old leader rejoins as follower and catches up",
        () ->
            cluster.node(old.id).isUp() && "crash".equals(valueOn(cluster.node(old.id), "after")));
  }

  @Test
  void when_leaderIsPartitionedIntoMinority_then_minorityCannotCommit() {
    start(12, 5, RaftConfig.defaults());
    write("x", "1");
    SimCluster.SimNode old = leader();
    String buddy = followers().get(0).id;
    Set<String> minority = Set.of(old.id, buddy);
    Set<String> majority =
        cluster.ids().stream().filter(id -> !minority.contains(id)).collect(Collectors.toSet());
    cluster.network.partition(minority, majority);

    CompletableFuture<Object> stranded = client.put(old.raft(), "x", "minority");
    eventually(
        3_000,
        "the majority elects its own leader",
        () ->
            cluster.upNodes().stream()
                .anyMatch(n -> majority.contains(n.id) && isLeader(n.raft())));
    cluster.runFor(1_000);
    assertThat(stranded).as("minority write cannot commit").isNotCompleted();
    assertThat(valueOn(cluster.node(buddy), "x")).isEqualTo("1");
    // Check-quorum: the cut-off leader stops leading.
    eventually(2_000, "old leader steps down (check-quorum)", () -> !isLeader(old.raft()));

    SimCluster.SimNode newLeader =
        cluster.node(
            majority.stream().filter(id -> isLeader(cluster.node(id).raft())).findFirst().get());
    CompletableFuture<Object> w = client.put(newLeader.raft(), "x", "majority");
    eventually(2_000, "majority write commits", w::isDone);

    cluster.network.heal();
    eventually(3_000, "stranded write fails with an unknown outcome", stranded::isDone);
    assertThat(stranded).isCompletedExceptionally();
    assertThat(failure(stranded))
        .isInstanceOfAny(LeadershipLostException.class, RaftTimeoutException.class);
    allApplied(newLeader.status().commitIndex());
    for (SimCluster.SimNode n : cluster.upNodes()) {
      assertThat(valueOn(n, "x")).as(n.id).isEqualTo("majority");
    }
  }

  @Test
  void when_proposalReachesAFollower_then_itFailsWithTheLeaderId() {
    start(13, 3, RaftConfig.defaults());
    SimCluster.SimNode follower = followers().get(0);
    CompletableFuture<Object> f = client.put(follower.raft(), "k", "v");
    eventually(100, "answered", f::isDone);
    assertThat(failure(f)).isInstanceOf(NotLeaderException.class);
    assertThat(((NotLeaderException) failure(f)).leaderId()).contains(leader().id);
  }
}
