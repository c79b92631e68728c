package io.distsync.raft.store;

import io.distsync.raft.LogEntry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the log segments back at start-up and checks them.
 *
 * <p>Rules enforced:
 *
 * <ul>
 *   <li>A bad record (short, bad length, CRC32C mismatch) in the last segment with no valid record
 *       after it is a write torn by a crash: the file is cut there and a warning is logged.
 *   <li>A bad record followed by a valid record, or a bad record in any segment but the last (which
 *       was fsynced before the next one was created), is corruption: refused with a {@link
 *       CorruptStoreException} naming file and offset.
 *   <li>Indices must be consecutive inside a segment and across segments (no gaps, no overlaps),
 *       and the log must continue the snapshot: its first kept index is at most {@code
 *       snapshotIndex + 1}.
 *   <li>Segments wholly covered by the snapshot are leftovers of an interrupted compaction:
 *       deleted.
 * </ul>
 */
final class LogRecovery {
  private static final System.Logger LOG = System.getLogger(LogRecovery.class.getName());

  /** What recovery found: the segments in order and the entries after the snapshot. */
  record Result(List<LogSegment> segments, List<LogEntry> entries) {}

  private final Path logDir;
  private final long snapshotIndex;
  private final List<LogEntry> entries = new ArrayList<>();
  private boolean changedDirectory;

  private LogRecovery(Path logDir, long snapshotIndex) {
    this.logDir = logDir;
    this.snapshotIndex = snapshotIndex;
  }

  /**
   * Recovers the log in {@code logDir}, whose entries up to {@code snapshotIndex} are snapshotted.
   */
  static Result recover(Path logDir, long snapshotIndex) throws IOException {
    return new LogRecovery(logDir, snapshotIndex).run();
  }

  private Result run() throws IOException {
    List<Path> files = segmentFiles();
    List<LogSegment> segments = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      LogSegment s = scan(file, LogSegment.parseFirstIndex(file), i == files.size() - 1);
      if (s.count() > 0 && s.lastIndex() <= snapshotIndex) {
        // Compaction rule: covered by the snapshot, kept only because a crash interrupted deletion.
        LOG.log(Level.INFO, "{0}: deleting {1}, covered by snapshot {2}", logDir, s, snapshotIndex);
        s.delete();
        changedDirectory = true;
        continue;
      }
      if (s.count() == 0 && i < files.size() - 1) {
        throw new CorruptStoreException(file, 0, "empty segment before the last one");
      }
      long expected =
          segments.isEmpty()
              ? snapshotIndex + 1
              : segments.get(segments.size() - 1).lastIndex() + 1;
      // The first kept segment may start inside the snapshot; every other one continues exactly.
      boolean continues =
          segments.isEmpty() && s.count() > 0
              ? s.firstIndex() <= expected
              : s.firstIndex() == expected;
      if (!continues && s.count() == 0) {
        // A segment created just before a crash, never written: harmless.
        LOG.log(Level.INFO, "{0}: deleting empty misplaced segment {1}", logDir, file);
        s.delete();
        changedDirectory = true;
        continue;
      }
      if (!continues) {
        throw new CorruptStoreException(
            file,
            0,
            "log gap: segment starts at index " + s.firstIndex() + ", expected " + expected);
      }
      segments.add(s);
    }
    if (changedDirectory) {
      FileOps.fsyncDirectory(logDir);
    }
    return new Result(segments, entries);
  }

  private LogSegment scan(Path file, long firstIndex, boolean last) throws IOException {
    ByteBuffer buf = FileOps.readFully(file);
    long[] offsets = new long[64];
    int count = 0;
    int pos = 0;
    while (pos < buf.limit()) {
      LogEntry e = RecordCodec.decode(buf, pos);
      if (e != null && e.index() != firstIndex + count) {
        throw new CorruptStoreException(
            file,
            pos,
            "index discontinuity: expected " + (firstIndex + count) + ", found " + e.index());
      }
      if (e == null) {
        handleBadRecord(file, buf, pos, last);
        break;
      }
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
      }
      offsets[count++] = pos;
      if (e.index() > snapshotIndex) {
        entries.add(e);
      }
      pos += RecordCodec.recordSize(buf, pos);
    }
    int validSize = Math.min(pos, buf.limit());
    return LogSegment.recovered(file, firstIndex, offsets, count, validSize);
  }

  /** Decides between a torn tail (cut it) and corruption (refuse). */
  private void handleBadRecord(Path file, ByteBuffer buf, int pos, boolean last)
      throws IOException {
    if (!last) {
      throw new CorruptStoreException(file, pos, "corrupt record in a non-last segment");
    }
    for (int later = pos + 1; later < buf.limit(); later++) {
      if (RecordCodec.decode(buf, later) != null) {
        throw new CorruptStoreException(
            file, pos, "corrupt record followed by a valid record at offset " + later);
      }
    }
    LOG.log(
        Level.WARNING,
        "{0}: torn or corrupt tail in {1} at offset {2}: cutting {3} bytes (crash during a write)",
        logDir,
        file,
        pos,
        buf.limit() - pos);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(pos);
      ch.force(true);
    }
  }

  private List<Path> segmentFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(logDir)) {
      for (Path p : dir) {
        if (LogSegment.parseFirstIndex(p) >= 1) {
          files.add(p);
        } else {
          LOG.log(Level.WARNING, "{0}: ignoring unexpected file {1}", logDir, p);
        }
      }
    }
    files.sort(Comparator.comparingLong(LogSegment::parseFirstIndex));
    return files;
  }
}
