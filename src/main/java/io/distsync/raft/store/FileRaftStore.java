package io.distsync.raft.store;

import io.distsync.raft.LogEntry;
import io.distsync.raft.PersistentState;
import io.distsync.raft.RaftStore;
import io.distsync.raft.Snapshot;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A durable {@link RaftStore} in a data directory: {@code meta} (term and vote), {@code
 * log/segment-<firstIndex>.log} (CRC32C-checked records) and {@code
 * snapshot/snapshot-<index>-<term>.snap}. See the package documentation for the layout and {@link
 * RecordCodec}, {@link MetaFile}, {@link SnapshotFiles} for the formats.
 *
 * <p>Threading follows {@link RaftStore}: {@link #sync()}, {@link #durableIndex()} and {@link
 * #fsyncCount()} may be called from any thread; everything else from the owner thread, {@link
 * #load()} first.
 */
public final class FileRaftStore implements RaftStore {
  /** Default size past which the log rolls to a new segment. */
  public static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(FileRaftStore.class.getName());

  private final Path dataDir;
  private final long segmentBytes;
  private final MetaFile meta;
  private SnapshotFiles snapshots;
  private long snapshotIndex;
  private volatile SegmentedLog log;
  private volatile GroupCommit groupCommit;

  /** A store in {@code dataDir} with {@link #DEFAULT_SEGMENT_BYTES} segments. */
  public FileRaftStore(Path dataDir) {
    this(dataDir, DEFAULT_SEGMENT_BYTES);
  }

  /**
   * @param dataDir directory holding the store, created by {@link #load()} if absent
   * @param segmentBytes size past which the log rolls to a new segment (a segment exceeds it by at
   *     most one record)
   */
  public FileRaftStore(Path dataDir, long segmentBytes) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    if (segmentBytes < 1) {
      throw new IllegalArgumentException("segmentBytes must be positive: " + segmentBytes);
    }
    this.segmentBytes = segmentBytes;
    this.meta = new MetaFile(dataDir);
  }

  @Override
  public PersistentState load() throws IOException {
    if (log != null) {
      throw new IllegalStateException("load() already called for " + dataDir);
    }
    Path logDir = Files.createDirectories(dataDir.resolve("log"));
    MetaFile.TermAndVote termAndVote = meta.read();
    snapshots = new SnapshotFiles(dataDir);
    Optional<Snapshot> snapshot = snapshots.readLatest();
    snapshotIndex = snapshot.map(Snapshot::lastIncludedIndex).orElse(0L);
    LogRecovery.Result recovered = LogRecovery.recover(logDir, snapshotIndex);
    SegmentedLog segmented =
        new SegmentedLog(logDir, segmentBytes, recovered.segments(), snapshotIndex);
    groupCommit = new GroupCommit(segmented);
    log = segmented;
    LOG.log(
        Level.INFO,
        "{0}: loaded term {1}, snapshot through {2}, {3} log entries in {4} segments",
        dataDir,
        termAndVote.term(),
        snapshotIndex,
        recovered.entries().size(),
        recovered.segments().size());
    return new PersistentState(
        termAndVote.term(), termAndVote.votedFor(), snapshot, recovered.entries());
  }

  @Override
  public void saveTermAndVote(long term, String votedFor) throws IOException {
    loaded();
    meta.write(term, votedFor); // durable before returning (§5.1, Figure 2)
  }

  @Override
  public void append(List<LogEntry> entries) throws IOException {
    loaded().append(entries);
  }

  @Override
  public void truncateFrom(long fromIndex) throws IOException {
    loaded().truncateFrom(fromIndex, snapshotIndex);
  }

  @Override
  public long sync() throws IOException {
    loaded();
    return groupCommit.sync();
  }

  @Override
  public long durableIndex() {
    SegmentedLog l = log;
    return l == null ? 0 : l.durableIndex();
  }

  /** Log fsyncs performed so far (segment {@code force} calls), for tests and metrics. */
  public long fsyncCount() {
    SegmentedLog l = log;
    return l == null ? 0 : l.fsyncCount();
  }

  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    SegmentedLog l = loaded();
    if (snapshot.lastIncludedIndex() < snapshotIndex) {
      throw new IllegalArgumentException(
          "snapshot through "
              + snapshot.lastIncludedIndex()
              + " is older than the stored one through "
              + snapshotIndex);
    }
    snapshots.write(snapshot); // durable before the log it covers is deleted
    snapshotIndex = snapshot.lastIncludedIndex();
    l.compactThrough(snapshotIndex);
    LOG.log(
        Level.INFO,
        "{0}: saved snapshot through {1} (term {2}); log now ends at {3}",
        dataDir,
        snapshotIndex,
        snapshot.lastIncludedTerm(),
        l.lastIndex());
  }

  @Override
  public void close() throws IOException {
    SegmentedLog l = log;
    if (l != null) {
      l.close();
    }
  }

  private SegmentedLog loaded() {
    SegmentedLog l = log;
    if (l == null) {
      throw new IllegalStateException("load() must be called first for " + dataDir);
    }
    return l;
  }

  @Override
  public String toString() {
    return "FileRaftStore[" + dataDir + "]";
  }
}
