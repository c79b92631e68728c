package io.distsync.raft.impl;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.RaftStore;
import io.distsync.raft.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory mirror of the log (entries after the latest snapshot) kept in step with the {@link
 * RaftStore}, plus the configuration entries in it. Executor-confined.
 */
final class RaftLog {
  private final RaftStore store;
  private final ArrayList<LogEntry> entries = new ArrayList<>();
  private Snapshot snapshot; // null before the first one
  private long snapshotIndex;
  private long snapshotTerm;

  /** Configuration entries in the log, in index order; base is in force before them. */
  private final ArrayList<LogEntry> configEntries = new ArrayList<>();

  private Membership baseMembership;
  private Membership current; // cache of membership()

  RaftLog(RaftStore store, Membership bootstrap) {
    this.store = store;
    this.baseMembership = bootstrap;
  }

  /** Loads the recovered state (store already loaded by the caller). */
  void recover(Snapshot s, List<LogEntry> recovered) {
    current = null;
    if (s != null) {
      snapshot = s;
      snapshotIndex = s.lastIncludedIndex();
      snapshotTerm = s.lastIncludedTerm();
      baseMembership = s.membership();
    }
    for (LogEntry e : recovered) {
      entries.add(e);
      if (e.type() == EntryType.CONFIGURATION) {
        configEntries.add(e);
        current = null;
      }
    }
  }

  long snapshotIndex() {
    return snapshotIndex;
  }

  long snapshotTerm() {
    return snapshotTerm;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  long lastIndex() {
    return snapshotIndex + entries.size();
  }

  long lastTerm() {
    return entries.isEmpty() ? snapshotTerm : entries.get(entries.size() - 1).term();
  }

  /** Term of the entry at {@code index}, or -1 when it is not known (compacted or absent). */
  long termAt(long index) {
    if (index == snapshotIndex) {
      return snapshotTerm;
    }
    if (index < snapshotIndex || index > lastIndex()) {
      return -1;
    }
    return entries.get((int) (index - snapshotIndex - 1)).term();
  }

  LogEntry get(long index) {
    if (index <= snapshotIndex || index > lastIndex()) {
      throw new IllegalArgumentException(
          "entry " + index + " not in log (" + snapshotIndex + ", " + lastIndex() + "]");
    }
    return entries.get((int) (index - snapshotIndex - 1));
  }

  /** Entries from {@code from} on, at most {@code maxCount} and about {@code maxBytes}. */
  List<LogEntry> slice(long from, int maxCount, long maxBytes) {
    List<LogEntry> out = new ArrayList<>();
    long bytes = 0;
    for (long i = Math.max(from, snapshotIndex + 1);
        i <= lastIndex() && out.size() < maxCount;
        i++) {
      LogEntry e = get(i);
      if (!out.isEmpty() && bytes + e.sizeInBytes() > maxBytes) {
        break; // always send at least one entry, however big
      }
      bytes += e.sizeInBytes();
      out.add(e);
    }
    return out;
  }

  /** Last index holding an entry of {@code term}, or 0 (used by fast back-off). */
  long lastIndexOfTerm(long term) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      long t = entries.get(i).term();
      if (t == term) {
        return entries.get(i).index();
      }
      if (t < term) {
        break;
      }
    }
    return 0;
  }

  /** First index of the run of entries with {@code term} ending at {@code index}. */
  long firstIndexOfTermEndingAt(long index) {
    long term = termAt(index);
    long i = index;
    while (i - 1 > snapshotIndex && termAt(i - 1) == term) {
      i--;
    }
    return i;
  }

  void append(List<LogEntry> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      store.append(batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (LogEntry e : batch) {
      entries.add(e);
      if (e.type() == EntryType.CONFIGURATION) {
        configEntries.add(e);
        current = null;
      }
    }
  }

  /** Deletes entries from {@code from} on (conflicting suffix, §5.3). */
  void truncateFrom(long from) {
    try {
      store.truncateFrom(from);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    while (!entries.isEmpty() && entries.get(entries.size() - 1).index() >= from) {
      entries.remove(entries.size() - 1);
    }
    configEntries.removeIf(e -> e.index() >= from);
    current = null;
  }

  /** Stores a snapshot taken locally and drops the entries it covers (§7). */
  void compact(Snapshot s) {
    try {
      store.saveSnapshot(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long drop = s.lastIncludedIndex() - snapshotIndex;
    entries.subList(0, (int) Math.min(drop, entries.size())).clear();
    setSnapshot(s);
  }

  /** Installs a snapshot from the leader, discarding a log that does not match it (§7). */
  void install(Snapshot s) {
    boolean keepSuffix = termAt(s.lastIncludedIndex()) == s.lastIncludedTerm();
    if (keepSuffix) {
      compact(s);
      return;
    }
    try {
      if (!entries.isEmpty()) {
        store.truncateFrom(snapshotIndex + 1);
        store.sync(); // the stale suffix must not come back after the snapshot is durable
      }
      store.saveSnapshot(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    entries.clear();
    configEntries.clear();
    current = null;
    setSnapshot(s);
  }

  private void setSnapshot(Snapshot s) {
    snapshot = s;
    snapshotIndex = s.lastIncludedIndex();
    snapshotTerm = s.lastIncludedTerm();
    baseMembership = s.membership();
    configEntries.removeIf(e -> e.index() <= snapshotIndex);
    current = null;
  }

  /** The latest membership in the log: in force as soon as appended (dissertation §4.1). */
  Membership membership() {
    if (current == null) {
      current =
          configEntries.isEmpty()
              ? baseMembership
              : Membership.decode(configEntries.get(configEntries.size() - 1).payload());
    }
    return current;
  }

  /** Index of the latest configuration entry, or the snapshot index when there is none. */
  long membershipIndex() {
    return configEntries.isEmpty()
        ? snapshotIndex
        : configEntries.get(configEntries.size() - 1).index();
  }

  /** The membership in force at {@code index} (for snapshots). */
  Membership membershipAt(long index) {
    Membership m = baseMembership;
    for (LogEntry e : configEntries) {
      if (e.index() > index) {
        break;
      }
      m = Membership.decode(e.payload());
    }
    return m;
  }
}
