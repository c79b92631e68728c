package io.distsync.raft.store;

import static io.distsync.raft.store.StoreFixtures.RECORD;
import static io.distsync.raft.store.StoreFixtures.entries;
import static io.distsync.raft.store.StoreFixtures.entry;
import static io.distsync.raft.store.StoreFixtures.fileNames;
import static io.distsync.raft.store.StoreFixtures.segmentFiles;
import static io.distsync.raft.store.StoreFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.PersistentState;
import io.distsync.raft.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRaftStoreTest {
  @TempDir Path dir;

  /** Segments of three records each: the fourth record goes to a new file. */
  private static final long SMALL_SEGMENTS = 3L * RECORD;

  private PersistentState reopen(long segmentBytes) throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, segmentBytes)) {
      return s.load();
    }
  }

  @Test
  void newStoreIsEmptyAndCreatesItsDirectories() throws IOException {
    Path data = dir.resolve("a/b");
    try (FileRaftStore s = new FileRaftStore(data)) {
      PersistentState state = s.load();
      assertThat(state.term()).isZero();
      assertThat(state.votedFor()).isNull();
      assertThat(state.snapshot()).isEmpty();
      assertThat(state.entries()).isEmpty();
      assertThat(s.durableIndex()).isZero();
    }
    assertThat(fileNames(data)).contains("log", "snapshot");
  }

  @Test
  void appendSyncCloseLoadRoundTrip() throws IOException {
    List<LogEntry> written = new ArrayList<>(entries(1, 3, 1));
    written.add(new LogEntry(4, 2, EntryType.NOOP, new byte[0]));
    written.add(new LogEntry(5, 2, EntryType.CONFIGURATION, snapshot(0, 0).membership().encode()));
    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.append(written.subList(0, 2));
      s.append(written.subList(2, 5));
      assertThat(s.sync()).isEqualTo(5);
      assertThat(s.durableIndex()).isEqualTo(5);
    }
    assertThat(reopen(FileRaftStore.DEFAULT_SEGMENT_BYTES).entries()).isEqualTo(written);
  }

  @Test
  void termAndVoteSurviveReopen() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.saveTermAndVote(3, "node2");
      s.saveTermAndVote(7, "nöde-3");
    }
    PersistentState state = reopen(FileRaftStore.DEFAULT_SEGMENT_BYTES);
    assertThat(state.term()).isEqualTo(7);
    assertThat(state.votedFor()).isEqualTo("nöde-3");

    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.saveTermAndVote(8, null);
    }
    state = reopen(FileRaftStore.DEFAULT_SEGMENT_BYTES);
    assertThat(state.term()).isEqualTo(8);
    assertThat(state.votedFor()).isNull();
    assertThat(fileNames(dir)).doesNotContain("meta.tmp");
  }

  @Test
  void rollsToNewSegmentsPastTheSizeLimit() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      s.load();
      s.append(entries(1, 4, 1));
      s.append(entries(5, 10, 1));
      s.sync();
    }
    assertThat(segmentFiles(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            LogSegment.fileName(1),
            LogSegment.fileName(4),
            LogSegment.fileName(7),
            LogSegment.fileName(10));
    assertThat(reopen(SMALL_SEGMENTS).entries()).isEqualTo(entries(1, 10, 1));
  }

  @Test
  void truncationAcrossSegmentsThenAppendContinues() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      s.load();
      s.append(entries(1, 12, 1));
      assertThat(s.sync()).isEqualTo(12);
      s.truncateFrom(5);
      assertThat(s.durableIndex()).isEqualTo(4);
      assertThat(segmentFiles(dir)).hasSize(2);
      s.append(entries(5, 8, 2));
      assertThat(s.sync()).isEqualTo(8);
    }
    List<LogEntry> expected = new ArrayList<>(entries(1, 4, 1));
    expected.addAll(entries(5, 8, 2));
    assertThat(reopen(SMALL_SEGMENTS).entries()).isEqualTo(expected);
  }

  @Test
  void truncatingTheWholeLogAndBeyondTheEnd() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      s.load();
      s.append(entries(1, 7, 1));
      s.truncateFrom(8); // nothing there: no-op
      s.sync();
      s.truncateFrom(1);
      assertThat(s.durableIndex()).isZero();
      assertThat(segmentFiles(dir)).isEmpty();
      s.append(entries(1, 2, 3));
      s.sync();
    }
    assertThat(reopen(SMALL_SEGMENTS).entries()).isEqualTo(entries(1, 2, 3));
  }

  @Test
  void appendMustContinueTheLog() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.append(entries(1, 2, 1));
      assertThatThrownBy(() -> s.append(List.of(entry(4, 1))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> s.append(List.of(entry(3, 1), entry(5, 1))))
          .isInstanceOf(IllegalArgumentException.class);
      s.append(List.of(entry(3, 1)));
    }
    assertThat(reopen(FileRaftStore.DEFAULT_SEGMENT_BYTES).entries()).isEqualTo(entries(1, 3, 1));
  }

  @Test
  void methodsRequireLoadAndAClosedStoreRefusesWork() throws IOException {
    FileRaftStore s = new FileRaftStore(dir);
    assertThatThrownBy(() -> s.append(entries(1, 1, 1))).isInstanceOf(IllegalStateException.class);
    s.load();
    s.close();
    assertThatThrownBy(() -> s.append(entries(1, 1, 1))).isInstanceOf(IOException.class);
    assertThatThrownBy(s::sync).isInstanceOf(IOException.class);
  }

  @Test
  void snapshotCompactsCoveredSegmentsAndSurvivesReopen() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      s.load();
      s.append(entries(1, 12, 1)); // segments 1-3, 4-6, 7-9, 10-12
      s.sync();
      s.saveSnapshot(snapshot(5, 1));
      s.saveSnapshot(snapshot(7, 1));
      // Compaction: 1-3 and 4-6 are covered; 7-9 still holds 8 and 9.
      assertThat(segmentFiles(dir))
          .extracting(p -> p.getFileName().toString())
          .containsExactly(LogSegment.fileName(7), LogSegment.fileName(10));
      assertThat(fileNames(dir.resolve("snapshot"))).containsExactly("snapshot-7-1.snap");
      s.append(entries(13, 13, 2));
      s.sync();
    }
    PersistentState state = reopen(SMALL_SEGMENTS);
    Snapshot snap = state.snapshot().orElseThrow();
    assertThat(snap.lastIncludedIndex()).isEqualTo(7);
    assertThat(snap.lastIncludedTerm()).isEqualTo(1);
    assertThat(snap.membership()).isEqualTo(snapshot(7, 1).membership());
    assertThat(snap.data()).isEqualTo(snapshot(7, 1).data());
    List<LogEntry> expected = new ArrayList<>(entries(8, 12, 1));
    expected.add(entry(13, 2));
    assertThat(state.entries()).isEqualTo(expected);
  }

  @Test
  void truncationCannotReachIntoTheSnapshot() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      s.load();
      s.append(entries(1, 6, 1));
      s.saveSnapshot(snapshot(4, 1));
      assertThatThrownBy(() -> s.truncateFrom(4)).isInstanceOf(IllegalArgumentException.class);
      s.truncateFrom(5);
      s.append(entries(5, 5, 2));
      s.sync();
    }
    PersistentState state = reopen(SMALL_SEGMENTS);
    assertThat(state.snapshot().orElseThrow().lastIncludedIndex()).isEqualTo(4);
    assertThat(state.entries()).containsExactly(entry(5, 2));
  }

  @Test
  void snapshotPastTheLogEndEmptiesTheLog() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      s.load();
      s.append(entries(1, 5, 1));
      s.saveSnapshot(snapshot(10, 3));
      assertThat(segmentFiles(dir)).isEmpty();
      assertThat(s.durableIndex()).isEqualTo(10);
      assertThatThrownBy(() -> s.append(List.of(entry(6, 1))))
          .isInstanceOf(IllegalArgumentException.class);
      s.append(entries(11, 12, 3));
      assertThat(s.sync()).isEqualTo(12);
    }
    PersistentState state = reopen(SMALL_SEGMENTS);
    assertThat(state.snapshot().orElseThrow().lastIncludedIndex()).isEqualTo(10);
    assertThat(state.entries()).isEqualTo(entries(11, 12, 3));
  }

  @Test
  void snapshotPastTheEndOnAnEmptyStoreThenReopenWithoutAppends() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.saveSnapshot(snapshot(20, 4));
    }
    try (FileRaftStore s = new FileRaftStore(dir)) {
      PersistentState state = s.load();
      assertThat(state.snapshot().orElseThrow().lastIncludedIndex()).isEqualTo(20);
      assertThat(state.entries()).isEmpty();
      assertThat(s.durableIndex()).isEqualTo(20);
      s.append(List.of(entry(21, 4)));
      assertThat(s.sync()).isEqualTo(21);
    }
  }

  @Test
  void olderSnapshotIsRefused() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.saveSnapshot(snapshot(5, 1));
      assertThatThrownBy(() -> s.saveSnapshot(snapshot(4, 1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
