package io.distsync.raft.store;

import static io.distsync.raft.store.StoreFixtures.RECORD;
import static io.distsync.raft.store.StoreFixtures.entries;
import static io.distsync.raft.store.StoreFixtures.fileNames;
import static io.distsync.raft.store.StoreFixtures.segmentFiles;
import static io.distsync.raft.store.StoreFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.raft.PersistentState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash and corruption handling of {@link FileRaftStore#load()}. */
class RecoveryTest {
  @TempDir Path dir;

  private static final long SMALL_SEGMENTS = 3L * RECORD;

  private void write(long segmentBytes, int count) throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, segmentBytes)) {
      s.load();
      s.append(entries(1, count, 1));
      s.sync();
    }
  }

  private PersistentState load() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      return s.load();
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
      ch.write(b, offset);
    }
  }

  private static Path lastSegment(Path dataDir) {
    var files = segmentFiles(dataDir);
    return files.get(files.size() - 1);
  }

  /** Loads, appends {@code next}, syncs, and checks a second load sees 1..next. */
  private void assertAppendingContinues(long next) throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      s.load();
      s.append(entries(next, next, 2));
      assertThat(s.sync()).isEqualTo(next);
    }
    PersistentState state = load();
    assertThat(state.entries()).hasSize((int) next);
    assertThat(state.entries().get((int) next - 1)).isEqualTo(StoreFixtures.entry(next, 2));
  }

  @Test
  void lastRecordCutMidWriteIsTruncatedAndAppendingContinues() throws IOException {
    write(FileRaftStore.DEFAULT_SEGMENT_BYTES, 10);
    Path file = lastSegment(dir);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(9L * RECORD + RECORD / 2);
    }
    assertThat(load().entries()).isEqualTo(entries(1, 9, 1));
    assertThat(Files.size(file)).isEqualTo(9L * RECORD);
    assertAppendingContinues(10);
  }

  @Test
  void headerCutMidWriteIsTruncated() throws IOException {
    write(SMALL_SEGMENTS, 7); // last segment holds only index 7
    Path file = lastSegment(dir);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(5);
    }
    assertThat(load().entries()).isEqualTo(entries(1, 6, 1));
    assertAppendingContinues(7);
  }

  @Test
  void randomGarbageAfterTheLastRecordIsTruncated() throws IOException {
    write(FileRaftStore.DEFAULT_SEGMENT_BYTES, 10);
    byte[] garbage = new byte[300];
    new Random(42).nextBytes(garbage);
    Files.write(lastSegment(dir), garbage, StandardOpenOption.APPEND);
    assertThat(load().entries()).isEqualTo(entries(1, 10, 1));
    assertAppendingContinues(11);
  }

  @Test
  void zeroFilledTailIsTruncated() throws IOException {
    write(FileRaftStore.DEFAULT_SEGMENT_BYTES, 4);
    Files.write(lastSegment(dir), new byte[4096], StandardOpenOption.APPEND);
    assertThat(load().entries()).isEqualTo(entries(1, 4, 1));
    assertAppendingContinues(5);
  }

  @Test
  void checksumMismatchInTheVeryLastRecordIsTruncated() throws IOException {
    write(FileRaftStore.DEFAULT_SEGMENT_BYTES, 5);
    flipByte(lastSegment(dir), 4L * RECORD + RECORD - 1);
    assertThat(load().entries()).isEqualTo(entries(1, 4, 1));
  }

  @Test
  void flippedByteInAMiddleRecordIsRefusedNamingFileAndOffset() throws IOException {
    write(FileRaftStore.DEFAULT_SEGMENT_BYTES, 10);
    Path file = lastSegment(dir);
    long recordStart = 4L * RECORD;
    flipByte(file, recordStart + RECORD - 3); // inside the payload of index 5
    assertThatThrownBy(this::load)
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("offset " + recordStart)
        .satisfies(
            e -> {
              CorruptStoreException c = (CorruptStoreException) e;
              assertThat(c.file()).isEqualTo(file);
              assertThat(c.offset()).isEqualTo(recordStart);
            });
    assertThat(Files.size(file)).as("nothing cut").isEqualTo(10L * RECORD);
  }

  @Test
  void damagedLengthFieldInAMiddleRecordIsRefused() throws IOException {
    write(FileRaftStore.DEFAULT_SEGMENT_BYTES, 10);
    Path file = lastSegment(dir);
    flipByte(file, 2L * RECORD); // high byte of the length of index 3: now beyond the file end
    assertThatThrownBy(this::load)
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("offset " + 2L * RECORD);
  }

  @Test
  void corruptionInANonLastSegmentIsRefused() throws IOException {
    write(SMALL_SEGMENTS, 9);
    Path first = segmentFiles(dir).get(0);
    flipByte(first, 2L * RECORD + RECORD - 1); // last record of the first segment
    assertThatThrownBy(this::load)
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining(first.toString())
        .hasMessageContaining("offset " + 2L * RECORD);
  }

  @Test
  void missingMiddleSegmentIsRefusedAsAGap() throws IOException {
    write(SMALL_SEGMENTS, 9);
    Path middle = segmentFiles(dir).get(1);
    Files.delete(middle);
    assertThatThrownBy(this::load)
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining("gap");
  }

  @Test
  void missingFirstSegmentIsRefusedAsAGap() throws IOException {
    write(SMALL_SEGMENTS, 9);
    Files.delete(segmentFiles(dir).get(0));
    assertThatThrownBy(this::load)
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining("gap");
  }

  @Test
  void segmentWhoseRecordsDoNotMatchItsNameIsRefused() throws IOException {
    write(SMALL_SEGMENTS, 6);
    Path second = segmentFiles(dir).get(1);
    Files.move(second, second.resolveSibling(LogSegment.fileName(5)));
    assertThatThrownBy(this::load)
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining("index discontinuity");
  }

  @Test
  void leftoverTempSnapshotIsIgnored() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.append(entries(1, 8, 1));
      s.saveSnapshot(snapshot(3, 1));
    }
    Path snapDir = dir.resolve("snapshot");
    byte[] half = new byte[17];
    new Random(7).nextBytes(half);
    Files.write(snapDir.resolve("snapshot-8-1.snap.tmp"), half);
    Files.write(dir.resolve("meta.tmp"), half);

    PersistentState state = load();
    assertThat(state.snapshot().orElseThrow().lastIncludedIndex()).isEqualTo(3);
    assertThat(state.entries()).isEqualTo(entries(4, 8, 1));
    assertThat(fileNames(snapDir)).containsExactly("snapshot-3-1.snap");
    assertThat(fileNames(dir)).doesNotContain("meta.tmp");
  }

  @Test
  void damagedCompleteSnapshotIsRefused() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.saveSnapshot(snapshot(3, 1));
    }
    Path snap = dir.resolve("snapshot").resolve("snapshot-3-1.snap");
    flipByte(snap, 30);
    assertThatThrownBy(this::load)
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining(snap.toString());
  }

  @Test
  void damagedMetaIsRefused() throws IOException {
    try (FileRaftStore s = new FileRaftStore(dir)) {
      s.load();
      s.saveTermAndVote(4, "node1");
    }
    flipByte(dir.resolve("meta"), 10);
    assertThatThrownBy(this::load)
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining(dir.resolve("meta").toString());
  }

  @Test
  void segmentsLeftByAnInterruptedCompactionAreDeleted() throws IOException {
    write(SMALL_SEGMENTS, 9);
    Path first = segmentFiles(dir).get(0);
    byte[] firstBytes = Files.readAllBytes(first);
    try (FileRaftStore s = new FileRaftStore(dir, SMALL_SEGMENTS)) {
      s.load();
      s.saveSnapshot(snapshot(4, 1));
    }
    Files.write(first, firstBytes); // as if the crash came before the deletion reached the disk
    PersistentState state = load();
    assertThat(state.entries()).isEqualTo(entries(5, 9, 1));
    assertThat(Files.exists(first)).isFalse();
  }
}
