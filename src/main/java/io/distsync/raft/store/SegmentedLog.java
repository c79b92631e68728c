package io.distsync.raft.store;

import io.distsync.raft.LogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log as a list of {@link LogSegment}s, after recovery.
 *
 * <p>Threading: {@link #append}, {@link #truncateFrom}, {@link #compactThrough} and {@link #close}
 * run on the owner thread; {@link #flush} runs on whichever thread leads a group commit. {@code
 * ioLock} is held by {@code flush} while it captures the written index and forces the last segment,
 * and by the owner for every change that closes, truncates or deletes a file or switches the last
 * segment. Appends write without it, so they proceed during an fsync.
 */
final class SegmentedLog implements GroupCommit.Flusher {
  private final Path dir;
  private final long segmentBytes;
  private final List<LogSegment> segments;
  private final ReentrantLock ioLock = new ReentrantLock();
  private final AtomicLong fsyncs = new AtomicLong();
  private ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
  private int[] starts = new int[256];

  /** The last segment, open for appending; null when the log is empty and has no file. */
  private volatile LogSegment active;

  /** Highest index written to the OS (the snapshot index when the log is empty). */
  private volatile long writtenIndex;

  private volatile long durableIndex;
  private volatile boolean closed;

  /** The first I/O failure: the log may be half-written, so nothing more is done (RaftStore). */
  private volatile IOException failure;

  /**
   * @param segments recovered segments in order
   * @param snapshotIndex last index covered by the snapshot (0 without one)
   */
  SegmentedLog(Path dir, long segmentBytes, List<LogSegment> segments, long snapshotIndex)
      throws IOException {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.segments = new ArrayList<>(segments);
    LogSegment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    this.writtenIndex = last == null ? snapshotIndex : Math.max(snapshotIndex, last.lastIndex());
    if (last != null) {
      last.openForAppend();
      last.force(); // what recovery read may still sit in the page cache only
      fsyncs.incrementAndGet();
    }
    this.active = last;
    this.durableIndex = writtenIndex;
  }

  long lastIndex() {
    return writtenIndex;
  }

  @Override
  public long durableIndex() {
    return durableIndex;
  }

  long fsyncCount() {
    return fsyncs.get();
  }

  @Override
  public boolean upToDate() {
    return !closed && failure == null && writtenIndex <= durableIndex;
  }

  /**
   * Appends consecutive entries starting at {@code lastIndex() + 1}, rolling segments as needed.
   */
  void append(List<LogEntry> entries) throws IOException {
    ensureOpen();
    try {
      appendChecked(entries);
    } catch (IOException e) {
      throw fail(e);
    }
  }

  private void appendChecked(List<LogEntry> entries) throws IOException {
    long expected = writtenIndex + 1;
    for (LogEntry e : entries) {
      if (e.index() != expected++) {
        throw new IllegalArgumentException(
            "append must continue the log at index " + (expected - 1) + ", got " + e);
      }
    }
    scratch.clear();
    int n = 0;
    for (LogEntry e : entries) {
      LogSegment a = active;
      boolean full =
          a != null && a.count() + n > 0 && a.size() + scratch.position() >= segmentBytes;
      if (a == null || full) {
        n = write(n, e.index() - 1);
        roll(e.index());
      }
      int size = RecordCodec.encodedSize(e);
      if (scratch.remaining() < size) {
        scratch = grow(scratch, size);
      }
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = scratch.position();
      RecordCodec.encode(e, scratch);
    }
    write(n, expected - 1);
  }

  /** Writes the {@code n} buffered records, then publishes {@code lastIndex} for group commit. */
  private int write(int n, long lastIndex) throws IOException {
    if (n > 0) {
      scratch.flip();
      active.append(scratch, starts, n);
      scratch.clear();
      writtenIndex = lastIndex; // after the write: a flush that sees it covers the record
    }
    return 0;
  }

  /**
   * Starts a new segment at {@code firstIndex}. The old one is forced and closed first, so {@link
   * #flush} only ever needs to force the last segment.
   */
  private void roll(long firstIndex) throws IOException {
    ioLock.lock();
    try {
      LogSegment old = active;
      if (old != null) {
        old.force();
        fsyncs.incrementAndGet();
        durableIndex = writtenIndex;
        old.closeChannel();
      }
      LogSegment s = LogSegment.create(dir, firstIndex);
      FileOps.fsyncDirectory(dir); // the new file's name must survive a crash with its records
      segments.add(s);
      active = s;
    } finally {
      ioLock.unlock();
    }
  }

  /** One group-commit fsync: everything written before the call becomes durable. */
  @Override
  public long flush() throws IOException {
    ioLock.lock();
    try {
      ensureOpen();
      long target = writtenIndex;
      if (target > durableIndex) {
        if (active != null) {
          active.force();
        }
        fsyncs.incrementAndGet();
        durableIndex = target; // under ioLock, so a truncation cannot slip in between
      }
      return durableIndex;
    } catch (IOException e) {
      throw fail(e);
    } finally {
      ioLock.unlock();
    }
  }

  /** Removes entries {@code >= fromIndex}; the cut is durable when this returns (§5.3). */
  void truncateFrom(long fromIndex, long snapshotIndex) throws IOException {
    ensureOpen();
    if (fromIndex <= snapshotIndex) {
      throw new IllegalArgumentException(
          "cannot truncate from "
              + fromIndex
              + ": entries up to "
              + snapshotIndex
              + " are snapshotted");
    }
    if (fromIndex > writtenIndex) {
      return;
    }
    ioLock.lock();
    try {
      boolean deleted = false;
      while (!segments.isEmpty() && segments.get(segments.size() - 1).firstIndex() >= fromIndex) {
        segments.remove(segments.size() - 1).delete();
        deleted = true;
      }
      if (deleted) {
        // Before cutting the kept segment: a deleted segment that came back after a crash would
        // otherwise sit behind a shorter predecessor and look like a gap.
        FileOps.fsyncDirectory(dir);
      }
      if (!segments.isEmpty()) {
        LogSegment last = segments.get(segments.size() - 1);
        if (last.lastIndex() >= fromIndex) {
          last.truncateFrom(fromIndex);
          fsyncs.incrementAndGet();
        }
        last.openForAppend();
      }
      active = segments.isEmpty() ? null : segments.get(segments.size() - 1);
      writtenIndex = fromIndex - 1;
      durableIndex = Math.min(durableIndex, fromIndex - 1);
    } catch (IOException e) {
      throw fail(e);
    } finally {
      ioLock.unlock();
    }
  }

  /**
   * Log compaction after a durable snapshot through {@code snapshotIndex}: deletes segments it
   * covers entirely. When the log ends at or before it, the log becomes empty and continues at
   * {@code snapshotIndex + 1}.
   */
  void compactThrough(long snapshotIndex) throws IOException {
    ensureOpen();
    ioLock.lock();
    try {
      boolean pastEnd = snapshotIndex >= writtenIndex;
      boolean deleted = false;
      while (!segments.isEmpty() && (pastEnd || segments.get(0).lastIndex() <= snapshotIndex)) {
        segments.remove(0).delete(); // never the active segment unless pastEnd: it ends later
        deleted = true;
      }
      if (deleted) {
        FileOps.fsyncDirectory(dir);
      }
      if (pastEnd) {
        active = null;
        writtenIndex = snapshotIndex;
        durableIndex = snapshotIndex; // the snapshot itself is durable
      }
    } catch (IOException e) {
      throw fail(e);
    } finally {
      ioLock.unlock();
    }
  }

  /** Closes the open segment. Does not sync. */
  void close() throws IOException {
    ioLock.lock();
    try {
      closed = true;
      if (active != null) {
        active.closeChannel();
      }
    } finally {
      ioLock.unlock();
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("store closed: " + dir);
    }
    if (failure != null) {
      throw new IOException("log unusable after an earlier I/O failure in " + dir, failure);
    }
  }

  private IOException fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }

  private static ByteBuffer grow(ByteBuffer buf, int needed) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + needed));
    return bigger.put(buf.flip());
  }
}
