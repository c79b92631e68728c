package io.distsync.raft.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code log/segment-<firstIndex>.log} file: consecutive records starting at {@code
 * firstIndex}, with the byte offset of every record kept in memory (8 bytes per entry, no payloads)
 * so truncation needs no re-read. Only the last segment of the log keeps its channel open.
 *
 * <p>Not thread-safe: the owner thread appends while the group-commit thread may {@link #force()};
 * {@link SegmentedLog} guarantees the channel is not closed or truncated during a force.
 */
final class LogSegment {
  private static final Pattern NAME = Pattern.compile("segment-(\\d{1,20})\\.log");

  private final Path path;
  private final long firstIndex;
  private long[] offsets;
  private int count;
  private long size;
  private FileChannel channel;

  private LogSegment(Path path, long firstIndex, long[] offsets, int count, long size) {
    this.path = path;
    this.firstIndex = firstIndex;
    this.offsets = offsets;
    this.count = count;
    this.size = size;
  }

  /** Creates a new empty segment file, open for appending; the caller fsyncs the directory. */
  static LogSegment create(Path dir, long firstIndex) throws IOException {
    LogSegment s =
        new LogSegment(dir.resolve(fileName(firstIndex)), firstIndex, new long[64], 0, 0);
    s.channel = FileChannel.open(s.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return s;
  }

  /**
   * A segment found by recovery, holding {@code count} valid records in its first {@code size}
   * bytes.
   */
  static LogSegment recovered(Path path, long firstIndex, long[] offsets, int count, long size) {
    return new LogSegment(
        path, firstIndex, Arrays.copyOf(offsets, Math.max(count, 16)), count, size);
  }

  /** Zero-padded so a directory listing sorts in index order. */
  static String fileName(long firstIndex) {
    return String.format("segment-%020d.log", firstIndex);
  }

  /** The first index encoded in a segment file name, or -1 when the name is not a segment's. */
  static long parseFirstIndex(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    try {
      return m.matches() ? Long.parseLong(m.group(1)) : -1;
    } catch (NumberFormatException tooLarge) {
      return -1;
    }
  }

  Path path() {
    return path;
  }

  long firstIndex() {
    return firstIndex;
  }

  /** Index of the last record, or {@code firstIndex - 1} when empty. */
  long lastIndex() {
    return firstIndex + count - 1;
  }

  int count() {
    return count;
  }

  long size() {
    return size;
  }

  /** Opens the channel for appending (no-op when already open). */
  void openForAppend() throws IOException {
    if (channel == null) {
      channel = FileChannel.open(path, StandardOpenOption.WRITE);
    }
  }

  /**
   * Writes encoded records at the end of the file.
   *
   * @param records the encoded records, from position to limit
   * @param starts start of each record relative to {@code records.position()}
   * @param n number of records
   */
  void append(ByteBuffer records, int[] starts, int n) throws IOException {
    long base = size;
    int length = records.remaining();
    FileOps.writeFully(channel, records, base);
    if (count + n > offsets.length) {
      offsets = Arrays.copyOf(offsets, Math.max(offsets.length * 2, count + n));
    }
    for (int i = 0; i < n; i++) {
      offsets[count++] = base + starts[i];
    }
    size = base + length;
  }

  /**
   * Cuts the file before the record of {@code index} and forces the cut to disk at once, so that
   * stale records can never reappear behind records appended later (§5.3: a conflicting suffix is
   * deleted).
   */
  void truncateFrom(long index) throws IOException {
    int keep = (int) (index - firstIndex);
    long cut = offsets[keep];
    openForAppend();
    channel.truncate(cut);
    channel.force(true);
    count = keep;
    size = cut;
  }

  /**
   * fsync of the data written so far ({@code force(false)}: data and the size needed to read it).
   */
  void force() throws IOException {
    channel.force(false);
  }

  /** Closes the channel, if open. */
  void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /** Closes and removes the file; the caller fsyncs the directory. */
  void delete() throws IOException {
    closeChannel();
    Files.deleteIfExists(path);
  }

  @Override
  public String toString() {
    return path.getFileName() + "[" + firstIndex + ".." + lastIndex() + ", " + size + "B]";
  }
}
