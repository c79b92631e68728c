package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.LeadershipTransferException;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftTimeoutException;
import io.distsync.raft.sim.SimCluster;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LeadershipTransferTest extends Scenario {

  @Test
  void when_leadershipIsTransferred_then_targetLeadsAndProposalsResume() {
    start(41, 5, RaftConfig.defaults());
    for (int i = 0; i < 5; i++) {
      write("k" + i, "v" + i);
    }
    SimCluster.SimNode old = leader();
    String target = followers().get(2).id;

    CompletableFuture<Void> transfer = old.raft().transferLeadership(target);
    CompletableFuture<Object> during = client.put(old.raft(), "during", "x");
    eventually(2_000, "transfer completes", transfer::isDone);

    assertThat(transfer).isCompleted();
    assertThat(failure(during)).isInstanceOf(LeadershipTransferException.class);
    eventually(
        1_000,
        "the target leads",
        () -> cluster.leader().map(l -> l.id.equals(target)).orElse(false));
    write("after", "transfer");
    assertThat(valueOn(leader(), "k4")).isEqualTo("v4");
  }

  @Test
  void when_targetIsUnreachable_then_transferTimesOutAndLeaderKeepsServing() {
    start(42, 3, RaftConfig.defaults());
    write("a", "1");
    SimCluster.SimNode l = leader();
    String target = followers().get(0).id;
    cluster.network.blockOneWay(l.id, target);

    CompletableFuture<Void> transfer = l.raft().transferLeadership(target);
    eventually(2_000, "transfer gives up", transfer::isDone);

    assertThat(failure(transfer)).isInstanceOf(RaftTimeoutException.class);
    assertThat(isLeader(l.raft())).isTrue();
    write("b", "2");
  }
}
