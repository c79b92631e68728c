package io.distsync.raft.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.message.AppendEntriesRequest;
import io.distsync.raft.message.AppendEntriesResponse;
import io.distsync.raft.message.PreVoteRequest;
import io.distsync.raft.message.PreVoteResponse;
import io.distsync.raft.message.RaftMessage;
import io.distsync.raft.message.VoteRequest;
import io.distsync.raft.message.VoteResponse;
import io.distsync.raft.store.InMemoryRaftStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver rules of Figure 2, one message at a time, on a follower "n1" of {n1, n2, n3}. */
class HandlerRulesTest {
  private final ManualExecutor executor = new ManualExecutor();
  private final InMemoryRaftStore store = new InMemoryRaftStore();

  /** Each reply with the durable term/vote at the moment it was sent. */
  private final List<Object[]> sent = new ArrayList<>();

  private RaftNode node;

  @BeforeEach
  void startFollower() {
    Membership m =
        new Membership(
            List.of(
                new RaftMember("n1", "a", true),
                new RaftMember("n2", "b", true),
                new RaftMember("n3", "c", true)));
    node =
        RaftNode.builder()
            .nodeId("n1")
            .membership(m)
            .config(RaftConfig.defaults())
            .transport(
                (to, msg) -> sent.add(new Object[] {to, msg, store.term(), store.votedFor()}))
            .stateMachine(new NoopStateMachine())
            .store(store)
            .executor(executor)
            .random(new Random(1))
            .build();
    node.start();
    executor.runAll();
  }

  private RaftMessage deliver(RaftMessage m) {
    sent.clear();
    node.handle(m);
    executor.runAll();
    assertThat(sent).hasSize(1);
    return (RaftMessage) sent.get(0)[1];
  }

  private static LogEntry entry(long index, long term) {
    return new LogEntry(index, term, EntryType.COMMAND, new byte[] {(byte) index});
  }

  @Test
  void grantsOneVotePerTermAndPersistsItBeforeAnswering() {
    VoteResponse first = (VoteResponse) deliver(new VoteRequest(1, "n2", 0, 0, false));
    assertThat(first.granted()).isTrue();
    assertThat(sent.get(0)[2]).as("durable term when answering").isEqualTo(1L);
    assertThat(sent.get(0)[3]).as("durable vote when answering").isEqualTo("n2");

    VoteResponse second = (VoteResponse) deliver(new VoteRequest(1, "n3", 5, 1, false));
    assertThat(second.granted()).as("second candidate in the same term (§5.2)").isFalse();
    VoteResponse again = (VoteResponse) deliver(new VoteRequest(1, "n2", 0, 0, false));
    assertThat(again.granted()).as("same candidate may ask again").isTrue();
  }

  @Test
  void refusesVoteForAStaleTermOrABehindLog() {
    deliver(new AppendEntriesRequest(2, "n2", 0, 0, List.of(entry(1, 2)), 0, 1));
    VoteResponse stale = (VoteResponse) deliver(new VoteRequest(1, "n3", 9, 1, true));
    assertThat(stale.granted()).isFalse();
    assertThat(stale.term()).isEqualTo(2);
    VoteResponse behind = (VoteResponse) deliver(new VoteRequest(3, "n3", 5, 1, true));
    assertThat(behind.granted()).as("log less up-to-date (§5.4.1)").isFalse();
    assertThat(behind.term()).as("term adopted anyway (§5.1)").isEqualTo(3);
  }

  @Test
  void leaderStickinessRefusesVotesWithoutAdoptingTheTerm() {
    deliver(new AppendEntriesRequest(1, "n2", 0, 0, List.of(), 0, 1));
    VoteResponse r = (VoteResponse) deliver(new VoteRequest(5, "n3", 10, 4, false));
    assertThat(r.granted()).isFalse();
    assertThat(node.status().term()).isEqualTo(1);
    VoteResponse transfer = (VoteResponse) deliver(new VoteRequest(5, "n3", 10, 4, true));
    assertThat(transfer.granted()).as("leadership transfer bypasses stickiness").isTrue();
  }

  @Test
  void preVoteNeverChangesTermOrVote() {
    PreVoteResponse r = (PreVoteResponse) deliver(new PreVoteRequest(4, "n2", 0, 0));
    assertThat(r.granted()).isTrue();
    assertThat(store.term()).isZero();
    assertThat(store.votedFor()).isNull();
    PreVoteResponse notNewer = (PreVoteResponse) deliver(new PreVoteRequest(0, "n2", 0, 0));
    assertThat(notNewer.granted()).isFalse();
  }

  @Test
  void rejectsAppendEntriesFromAnOldTerm() {
    deliver(new VoteRequest(3, "n2", 0, 0, false));
    AppendEntriesResponse r =
        (AppendEntriesResponse) deliver(new AppendEntriesRequest(2, "n3", 0, 0, List.of(), 0, 1));
    assertThat(r.success()).isFalse();
    assertThat(r.term()).isEqualTo(3);
  }

  @Test
  void reportsConflictTermAndItsFirstIndexForFastBackOff() {
    deliver(
        new AppendEntriesRequest(
            1, "n2", 0, 0, List.of(entry(1, 1), entry(2, 1), entry(3, 1), entry(4, 1)), 0, 1));
    AppendEntriesResponse mismatch =
        (AppendEntriesResponse)
            deliver(new AppendEntriesRequest(3, "n3", 3, 2, List.of(entry(4, 3)), 0, 1));
    assertThat(mismatch.success()).isFalse();
    assertThat(mismatch.conflictTerm()).isEqualTo(1);
    assertThat(mismatch.conflictIndex()).isEqualTo(1);

    AppendEntriesResponse tooShort =
        (AppendEntriesResponse) deliver(new AppendEntriesRequest(3, "n3", 9, 3, List.of(), 0, 1));
    assertThat(tooShort.success()).isFalse();
    assertThat(tooShort.conflictTerm()).isZero();
    assertThat(tooShort.conflictIndex()).isEqualTo(5);
  }

  @Test
  void truncatesAConflictingSuffixAndKeepsMatchingEntries() {
    deliver(
        new AppendEntriesRequest(
            1, "n2", 0, 0, List.of(entry(1, 1), entry(2, 1), entry(3, 1)), 1, 1));
    AppendEntriesResponse r =
        (AppendEntriesResponse)
            deliver(
                new AppendEntriesRequest(2, "n3", 1, 1, List.of(entry(2, 1), entry(3, 2)), 1, 1));
    assertThat(r.success()).isTrue();
    assertThat(r.matchIndex()).isEqualTo(3);
    assertThat(store.entries()).extracting(LogEntry::term).containsExactly(1L, 1L, 2L);
  }

  @Test
  void acknowledgesOnlyTheVerifiedPrefixAndLearnsCommitFromIt() {
    deliver(
        new AppendEntriesRequest(
            1, "n2", 0, 0, List.of(entry(1, 1), entry(2, 1), entry(3, 1)), 0, 1));
    AppendEntriesResponse heartbeat =
        (AppendEntriesResponse) deliver(new AppendEntriesRequest(1, "n2", 1, 1, List.of(), 3, 2));
    assertThat(heartbeat.matchIndex()).isEqualTo(1);
    assertThat(heartbeat.round()).as("round echoed for ReadIndex").isEqualTo(2);
    assertThat(node.status().commitIndex())
        .as("commitIndex = min(leaderCommit, last verified index)")
        .isEqualTo(1);
  }
}
