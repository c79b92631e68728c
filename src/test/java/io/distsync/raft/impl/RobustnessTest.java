package io.distsync.raft.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.Membership;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftListener;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.message.VoteRequest;
import io.distsync.raft.store.InMemoryRaftStore;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Misbehaving plug-ins must not leave the node half-way through a state change. */
class RobustnessTest {

  @Test
  void aThrowingTransportAndListenerDoNotAbortAVote() {
    ManualExecutor executor = new ManualExecutor();
    InMemoryRaftStore store = new InMemoryRaftStore();
    RaftNode node =
        RaftNode.builder()
            .nodeId("n1")
            .membership(
                new Membership(
                    List.of(new RaftMember("n1", "a", true), new RaftMember("n2", "b", true))))
            .config(RaftConfig.defaults())
            .transport(
                (to, msg) -> {
                  throw new IllegalStateException("network down (expected by the test)");
                })
            .listener(
                new RaftListener() {
                  @Override
                  public void onTermChanged(String nodeId, long term) {
                    throw new IllegalStateException("metrics broken (expected by the test)");
                  }
                })
            .stateMachine(new NoopStateMachine())
            .store(store)
            .executor(executor)
            .random(new Random(3))
            .build();
    node.start();
    executor.runAll();

    node.handle(new VoteRequest(4, "n2", 0, 0, false));
    executor.runAll();

    assertThat(store.term()).isEqualTo(4);
    assertThat(store.votedFor()).isEqualTo("n2");
    assertThat(node.status().term()).isEqualTo(4);
    assertThat(node.status().role()).isEqualTo(RaftRole.FOLLOWER);
  }
}
