package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.Membership;
import io.distsync.raft.MembershipChangeException;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftRole;
import io.distsync.raft.sim.SimCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MembershipChangeTest extends Scenario {

  private Membership currentMembership() {
    return new Membership(
        leader().status().members().stream()
            .map(m -> new RaftMember(m.id(), m.address(), m.voter()))
            .toList());
  }

  private Membership await(CompletableFuture<Membership> f, String what) {
    eventually(5_000, what, f::isDone);
    assertThat(f).as(what).isCompleted();
    return f.join();
  }

  @Test
  void when_memberIsAddedAndRemovedUnderLoad_then_everyCommittedWriteSurvives() {
    start(31, 3, RaftConfig.builder().catchUpMaxLagEntries(5).build());
    List<CompletableFuture<Object>> writes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      writes.add(client.put(leader().raft(), "k" + i, "v" + i));
      cluster.runFor(5);
    }
    // n4 joins as a learner: it receives the log but does not vote.
    SimCluster.SimNode n4 = cluster.addNode("n4", currentMembership());
    Membership withLearner =
        await(leader().raft().addLearner(new RaftMember("n4", "sim://n4", false)), "add learner");
    assertThat(withLearner.isVoter("n4")).isFalse();
    eventually(3_000, "learner catches up", () -> n4.status().lastApplied() >= commitIndex() - 1);
    assertThat(n4.status().role()).isEqualTo(RaftRole.LEARNER);

    for (int i = 20; i < 40; i++) {
      writes.add(client.put(leader().raft(), "k" + i, "v" + i));
      cluster.runFor(5);
    }
    Membership promoted = await(leader().raft().promote("n4"), "promote n4");
    assertThat(promoted.voters()).hasSize(4);

    // Remove the current leader itself: it steps down once the change commits.
    String oldLeader = leader().id;
    for (int i = 40; i < 60; i++) {
      writes.add(client.put(leader().raft(), "k" + i, "v" + i));
    }
    Membership without = await(leader().raft().removeMember(oldLeader), "remove the leader");
    assertThat(without.member(oldLeader)).isEmpty();
    eventually(
        3_000,
        "a remaining voter leads",
        () -> cluster.leader().map(l -> !l.id.equals(oldLeader)).orElse(false));
    assertThat(cluster.node(oldLeader).status().role()).isNotEqualTo(RaftRole.LEADER);

    write("final", "yes");
    long committed = commitIndex();
    for (CompletableFuture<Object> w : writes) {
      eventually(3_000, "write settled", w::isDone);
    }
    for (SimCluster.SimNode n : cluster.upNodes()) {
      if (n.id.equals(oldLeader)) {
        continue;
      }
      eventually(3_000, n.id + " applied all", () -> n.status().lastApplied() >= committed);
      for (int i = 0; i < writes.size(); i++) {
        if (!writes.get(i).isCompletedExceptionally()) {
          assertThat(valueOn(n, "k" + i)).as(n.id + " k" + i).isEqualTo("v" + i);
        }
      }
    }
  }

  @Test
  void when_learnerIsNotCaughtUp_then_promotionIsRefused() {
    start(32, 3, RaftConfig.builder().catchUpMaxLagEntries(2).build());
    for (int i = 0; i < 10; i++) {
      write("k" + i, "v");
    }
    // n4 is registered but never started: it cannot catch up.
    await(leader().raft().addLearner(new RaftMember("n4", "sim://n4", false)), "add learner");
    CompletableFuture<Membership> f = leader().raft().promote("n4");
    eventually(500, "answered", f::isDone);
    assertThat(failure(f))
        .isInstanceOf(MembershipChangeException.class)
        .hasMessageContaining("not caught up");
  }

  @Test
  void when_twoChangesOverlap_then_theSecondIsRefused() {
    start(33, 3, RaftConfig.defaults());
    write("a", "1");
    SimCluster.SimNode l = leader();
    CompletableFuture<Membership> first =
        l.raft().addLearner(new RaftMember("n4", "sim://n4", false));
    CompletableFuture<Membership> second =
        l.raft().addLearner(new RaftMember("n5", "sim://n5", false));
    eventually(2_000, "both answered", () -> first.isDone() && second.isDone());
    assertThat(first).isCompleted();
    assertThat(failure(second))
        .isInstanceOf(MembershipChangeException.class)
        .hasMessageContaining("in progress");
  }
}
