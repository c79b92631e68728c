package io.distsync.raft.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.PersistentState;
import io.distsync.raft.RaftMember;
import io.distsync.raft.Snapshot;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryRaftStoreTest {
  private static LogEntry e(long i, long t) {
    return new LogEntry(i, t, EntryType.COMMAND, new byte[] {1});
  }

  @Test
  void crashLosesWritesNotYetSynced() throws IOException {
    InMemoryRaftStore s = new InMemoryRaftStore();
    s.saveTermAndVote(3, "n2");
    s.append(List.of(e(1, 1), e(2, 1)));
    assertThat(s.sync()).isEqualTo(2);
    s.append(List.of(e(3, 3)));
    assertThat(s.durableIndex()).isEqualTo(2);

    PersistentState after = s.crashAndRecover().load();
    assertThat(after.entries()).extracting(LogEntry::index).containsExactly(1L, 2L);
    assertThat(after.term()).isEqualTo(3);
    assertThat(after.votedFor()).isEqualTo("n2");
  }

  @Test
  void unsyncedTruncationComesBackAfterACrash() throws IOException {
    InMemoryRaftStore s = new InMemoryRaftStore();
    s.append(List.of(e(1, 1), e(2, 1)));
    s.sync();
    s.truncateFrom(2);
    assertThat(s.entries()).hasSize(1);
    assertThat(s.crashAndRecover().load().entries()).hasSize(2);
  }

  @Test
  void snapshotCompactsDurablyAndKeepsTheSuffix() throws IOException {
    InMemoryRaftStore s = new InMemoryRaftStore();
    s.append(List.of(e(1, 1), e(2, 1), e(3, 1)));
    s.sync();
    Membership m = new Membership(List.of(new RaftMember("n1", "a", true)));
    s.saveSnapshot(new Snapshot(2, 1, m, new byte[] {9}));
    PersistentState after = s.crashAndRecover().load();
    assertThat(after.snapshot()).isPresent();
    assertThat(after.entries()).extracting(LogEntry::index).containsExactly(3L);
  }

  @Test
  void refusesOutOfOrderAppendsAndUseAfterCrash() throws IOException {
    InMemoryRaftStore s = new InMemoryRaftStore();
    assertThatThrownBy(() -> s.append(List.of(e(2, 1)))).isInstanceOf(IOException.class);
    s.crashAndRecover();
    assertThatThrownBy(() -> s.append(List.of(e(1, 1)))).isInstanceOf(IOException.class);
  }
}
