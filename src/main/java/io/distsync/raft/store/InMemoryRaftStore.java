package io.distsync.raft.store;

import io.distsync.raft.LogEntry;
import io.distsync.raft.PersistentState;
import io.distsync.raft.RaftStore;
import io.distsync.raft.Snapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RaftStore} in memory that models a disk with a volatile write cache: {@link #append} and
 * {@link #truncateFrom} change only the "OS buffer" view until {@link #sync()}; {@link
 * #crashAndRecover()} returns a store holding only what had been synced, which is what a real crash
 * leaves. Term/vote and snapshots are durable at once, as the interface requires.
 *
 * <p>Meant for tests and the deterministic simulation. Every method is synchronized, so {@link
 * #sync()} may run on an I/O thread as the {@link RaftStore} contract allows.
 */
public final class InMemoryRaftStore implements RaftStore {
  private long term;
  private String votedFor;
  private Snapshot snapshot;
  private List<LogEntry> log = new ArrayList<>(); // the volatile view, entries after the snapshot
  private List<LogEntry> syncedLog = new ArrayList<>(); // what survives a crash
  private long syncCount;
  private long version; // bumped by every change of the volatile log view
  private long rewrites; // bumped when entries are removed (truncation, snapshot)
  private boolean closed;

  public InMemoryRaftStore() {}

  private InMemoryRaftStore(long term, String votedFor, Snapshot snapshot, List<LogEntry> log) {
    this.term = term;
    this.votedFor = votedFor;
    this.snapshot = snapshot;
    this.log = new ArrayList<>(log);
    this.syncedLog = new ArrayList<>(log);
  }

  @Override
  public synchronized PersistentState load() {
    return new PersistentState(term, votedFor, Optional.ofNullable(snapshot), log);
  }

  @Override
  public synchronized void saveTermAndVote(long term, String votedFor) throws IOException {
    checkOpen();
    this.term = term;
    this.votedFor = votedFor;
  }

  @Override
  public synchronized void append(List<LogEntry> entries) throws IOException {
    checkOpen();
    for (LogEntry e : entries) {
      long expected = lastIndex() + 1;
      if (e.index() != expected) {
        throw new IOException("append out of order: expected index " + expected + ", got " + e);
      }
      log.add(e);
      version++;
    }
  }

  @Override
  public synchronized void truncateFrom(long fromIndex) throws IOException {
    checkOpen();
    long first = firstIndex();
    if (fromIndex < first) {
      throw new IOException("cannot truncate below the snapshot: " + fromIndex + " < " + first);
    }
    while (!log.isEmpty() && log.get(log.size() - 1).index() >= fromIndex) {
      log.remove(log.size() - 1);
    }
    version++;
    rewrites++;
  }

  @Override
  public synchronized long sync() throws IOException {
    checkOpen();
    syncedLog = new ArrayList<>(log);
    syncCount++;
    return lastIndex();
  }

  @Override
  public synchronized long durableIndex() {
    if (syncedLog.isEmpty()) {
      return snapshot == null ? 0 : snapshot.lastIncludedIndex();
    }
    return syncedLog.get(syncedLog.size() - 1).index();
  }

  @Override
  public synchronized void saveSnapshot(Snapshot s) throws IOException {
    checkOpen();
    this.snapshot = s;
    log = compact(log, s);
    version++;
    rewrites++;
    syncedLog = compact(syncedLog, s);
  }

  private static List<LogEntry> compact(List<LogEntry> entries, Snapshot s) {
    List<LogEntry> kept = new ArrayList<>();
    for (LogEntry e : entries) {
      if (e.index() > s.lastIncludedIndex()) {
        kept.add(e);
      }
    }
    // The log must continue right after the snapshot; otherwise it becomes empty.
    if (!kept.isEmpty() && kept.get(0).index() != s.lastIncludedIndex() + 1) {
      kept.clear();
    }
    return kept;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /**
   * Simulates a power failure: returns a new, open store holding the durable state only (term and
   * vote, the snapshot, and the log as of the last {@link #sync()}). This store is closed.
   */
  public synchronized InMemoryRaftStore crashAndRecover() {
    closed = true;
    return new InMemoryRaftStore(term, votedFor, snapshot, syncedLog);
  }

  /** Like {@link #crashAndRecover()} but keeps every write (a clean stop after a final sync). */
  public synchronized InMemoryRaftStore reopen() {
    closed = true;
    return new InMemoryRaftStore(term, votedFor, snapshot, log);
  }

  /** The current (possibly unsynced) log after the snapshot; a copy. For checkers. */
  public synchronized List<LogEntry> entries() {
    return List.copyOf(log);
  }

  public synchronized Optional<Snapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  public synchronized long term() {
    return term;
  }

  public synchronized String votedFor() {
    return votedFor;
  }

  /** Changes whenever the (volatile) log or snapshot changes: lets checkers skip unchanged logs. */
  public synchronized long version() {
    return version;
  }

  /** Changes when entries are removed; between two values the log only grew at its end. */
  public synchronized long rewrites() {
    return rewrites;
  }

  public synchronized long syncCount() {
    return syncCount;
  }

  private long firstIndex() {
    return snapshot == null ? 1 : snapshot.lastIncludedIndex() + 1;
  }

  private long lastIndex() {
    if (!log.isEmpty()) {
      return log.get(log.size() - 1).index();
    }
    return firstIndex() - 1;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("store closed (crashed)");
    }
  }
}
