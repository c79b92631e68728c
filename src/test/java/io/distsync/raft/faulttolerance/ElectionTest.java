package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.RaftConfig;
import io.distsync.raft.sim.SimCluster;
import org.junit.jupiter.api.Test;

class ElectionTest extends Scenario {

  @Test
  void when_partitionedFollowerRejoins_then_preVoteKeepsTheLeaderAndTerm() {
    start(71, 5, RaftConfig.defaults());
    write("a", "1");
    SimCluster.SimNode l = leader();
    long term = l.status().term();
    SimCluster.SimNode loner = followers().get(0);
    cluster.network.isolate(loner.id, cluster.ids());
    cluster.runFor(3_000); // it times out again and again, but only pre-votes
    assertThat(loner.status().term()).as("pre-vote does not bump the term").isEqualTo(term);
    cluster.network.heal();
    cluster.runFor(1_000);
    assertThat(leader().id).isEqualTo(l.id);
    assertThat(leader().status().term()).isEqualTo(term);
  }

  @Test
  void when_preVoteIsOff_then_theRejoiningNodeDisruptsTheTerm() {
    start(72, 5, RaftConfig.builder().preVote(false).leaderStickiness(false).build());
    write("a", "1");
    long term = leader().status().term();
    SimCluster.SimNode loner = followers().get(0);
    cluster.network.isolate(loner.id, cluster.ids());
    cluster.runFor(3_000);
    assertThat(loner.status().term()).isGreaterThan(term);
    cluster.network.heal();
    eventually(
        3_000,
        "cluster settles",
        () -> cluster.leader().isPresent() && leader().status().term() > term);
  }

  @Test
  void when_electionsRunWithRandomTimeouts_then_aSingleLeaderEmerges() {
    for (long seed = 1; seed <= 20; seed++) {
      start(700 + seed, 5, RaftConfig.defaults());
      long leaders = cluster.upNodes().stream().filter(n -> isLeader(n.raft())).count();
      assertThat(leaders).isEqualTo(1);
    }
  }
}
