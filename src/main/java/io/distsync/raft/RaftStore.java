package io.distsync.raft;

import java.io.Closeable;
import java.io.IOException;

/**
 * Durable storage of one node's Raft state: current term and vote, the log, and snapshots.
 *
 * <p><b>Threading.</b> Every method is called from the node's serial executor, except {@link
 * #sync()} and {@link #durableIndex()}, which are thread-safe and may be called from an I/O thread
 * while the executor goes on appending. Implementations need no other synchronization for the rest.
 *
 * <p><b>Blocking.</b> Methods block on disk I/O. {@link #saveTermAndVote}, {@link #saveSnapshot}
 * and {@link #sync()} return only once their data is durable (fsync). {@link #append} and {@link
 * #truncateFrom} may only reach OS buffers: they are durable after the next {@code sync()}.
 *
 * <p><b>Group commit.</b> Concurrent {@code sync()} callers share fsyncs: one fsync covers every
 * record appended before it started, and a caller that arrives while an fsync runs waits for the
 * next one, which then covers everything appended meanwhile.
 *
 * <p><b>Errors.</b> An {@link IOException} means the disk failed; the node must stop rather than go
 * on with state it cannot trust.
 */
public interface RaftStore extends Closeable {

  /**
   * Recovers the state written before the last stop or crash. Called once, before anything else. A
   * torn or corrupt record at the tail of the log (a crash during a write) is cut off; corruption
   * before the tail is refused with an {@link IOException} naming the file and offset.
   */
  PersistentState load() throws IOException;

  /** Makes term and vote durable before returning (§5.1, Figure 2: persist before responding). */
  void saveTermAndVote(long term, String votedFor) throws IOException;

  /**
   * Appends entries at the end of the log. The first entry's index is one past the last stored
   * index (or {@code snapshot.lastIncludedIndex + 1} right after a snapshot was installed).
   */
  void append(java.util.List<LogEntry> entries) throws IOException;

  /** Deletes every entry with index {@code >= fromIndex} (a conflicting suffix, §5.3). */
  void truncateFrom(long fromIndex) throws IOException;

  /**
   * Makes every entry appended or truncated so far durable. Thread-safe; group-committed.
   *
   * @return the highest log index that is durable when this returns
   */
  long sync() throws IOException;

  /** The highest log index known to be durable. Thread-safe, never blocks. */
  long durableIndex();

  /**
   * Stores a snapshot atomically (written to a temporary file, synced, then renamed) and discards
   * the log entries it covers. Entries after {@code snapshot.lastIncludedIndex()} are kept when
   * they are present; when the log ends before it, the log becomes empty and the next append starts
   * at {@code lastIncludedIndex + 1}.
   */
  void saveSnapshot(Snapshot snapshot) throws IOException;

  /** Releases files. Does not sync. */
  @Override
  void close() throws IOException;
}
