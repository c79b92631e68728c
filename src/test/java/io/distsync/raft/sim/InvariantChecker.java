package io.distsync.raft.sim;

import io.distsync.raft.LogEntry;
import io.distsync.raft.Snapshot;
import io.distsync.raft.store.InMemoryRaftStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Raft safety properties (§5.2, Figure 3), checked as events happen: election safety, log
 * matching, leader completeness, state machine safety, and that committed entries never change. The
 * first violation is recorded (engine code catches exceptions, so checkers must not throw).
 */
public final class InvariantChecker {
  private final Map<Long, String> leaderOfTerm = new HashMap<>();
  private final Map<Long, LogEntry> committed = new HashMap<>();

  /** Lowest term in which some node knew the entry at the index committed (upper bound). */
  private final Map<Long, Long> committedByTerm = new HashMap<>();

  private long maxCommitted;
  private final Map<Long, byte[]> applied = new HashMap<>();

  /** (index, term) identifies one entry ever created; with its predecessor's term. */
  private final Map<String, Object[]> identity = new HashMap<>();

  private String violation;

  public String violation() {
    return violation;
  }

  void fail(String message) {
    if (violation == null) {
      violation = message;
    }
  }

  /** Election safety: at most one leader per term; leader completeness for the new leader. */
  void onLeader(String nodeId, long term, InMemoryRaftStore store) {
    String previous = leaderOfTerm.putIfAbsent(term, nodeId);
    if (previous != null && !previous.equals(nodeId)) {
      fail("election safety: " + previous + " and " + nodeId + " both leaders of term " + term);
    }
    checkLeaderCompleteness(nodeId, term, store);
  }

  /**
   * Leader completeness (§5.4): the leader of {@code term} holds every entry committed in an
   * earlier term. (A stale leader of an old term may lack entries committed since.)
   */
  void checkLeaderCompleteness(String nodeId, long term, InMemoryRaftStore store) {
    long snapIndex = store.snapshot().map(Snapshot::lastIncludedIndex).orElse(0L);
    List<LogEntry> log = store.entries();
    for (long i = snapIndex + 1; i <= maxCommitted; i++) {
      LogEntry c = committed.get(i);
      if (c == null || committedByTerm.get(i) >= term) {
        continue;
      }
      int pos = (int) (i - snapIndex - 1);
      if (pos >= log.size() || !log.get(pos).equals(c)) {
        fail(
            "leader completeness: leader "
                + nodeId
                + " lacks committed "
                + c
                + " (has "
                + (pos < log.size() ? log.get(pos) : "nothing")
                + ")");
        return;
      }
    }
  }

  /** Committed entries never change: every node commits the same entry at each index. */
  void onCommit(String nodeId, long from, long to, InMemoryRaftStore store) {
    Optional<Snapshot> snap = store.snapshot();
    long snapIndex = snap.map(Snapshot::lastIncludedIndex).orElse(0L);
    List<LogEntry> log = store.entries();
    for (long i = Math.max(from, snapIndex + 1); i <= to; i++) {
      int pos = (int) (i - snapIndex - 1);
      if (pos >= log.size()) {
        fail("node " + nodeId + " committed index " + i + " it does not have");
        return;
      }
      LogEntry e = log.get(pos);
      LogEntry prev = committed.putIfAbsent(i, e);
      committedByTerm.merge(i, store.term(), Math::min);
      if (prev != null && !prev.equals(e)) {
        fail("committed entry changed at index " + i + ": " + prev + " vs " + e + " on " + nodeId);
        return;
      }
      maxCommitted = Math.max(maxCommitted, i);
    }
    if (snap.isPresent() && to >= snapIndex) {
      LogEntry c = committed.get(snapIndex);
      if (c != null && c.term() != snap.get().lastIncludedTerm()) {
        fail(
            "snapshot of "
                + nodeId
                + " at "
                + snapIndex
                + " has term "
                + snap.get().lastIncludedTerm()
                + " but committed entry is "
                + c);
      }
    }
  }

  /** State machine safety: every node applies the same command at each index, in order. */
  void onApply(String nodeId, long index, byte[] command, long previousIndex) {
    if (index <= previousIndex) {
      fail("node " + nodeId + " applied index " + index + " after " + previousIndex);
    }
    byte[] prev = applied.putIfAbsent(index, command);
    if (prev != null && !Arrays.equals(prev, command)) {
      fail(
          "state machine safety: index "
              + index
              + " applied as '"
              + new String(prev)
              + "' and '"
              + new String(command)
              + "' (node "
              + nodeId
              + ")");
    }
  }

  /** Log matching (§5.3): an (index, term) pair identifies the entry and its predecessor. */
  void checkLogMatching(String nodeId, InMemoryRaftStore store) {
    checkLogMatching(nodeId, store, 0);
  }

  /** As above, for the entries after {@code fromIndex} only (the rest was checked before). */
  void checkLogMatching(String nodeId, InMemoryRaftStore store, long fromIndex) {
    List<LogEntry> log = store.entries();
    long prevTerm = store.snapshot().map(Snapshot::lastIncludedTerm).orElse(0L);
    boolean first = true;
    for (LogEntry e : log) {
      if (e.index() <= fromIndex) {
        prevTerm = e.term();
        first = false;
        continue;
      }
      String key = e.index() + "@" + e.term();
      Object[] seen = identity.get(key);
      Object[] mine = {e, first ? null : prevTerm};
      if (seen == null) {
        identity.put(key, mine);
      } else {
        if (!seen[0].equals(e)) {
          fail("log matching: two different entries " + key + " (" + nodeId + ")");
          return;
        }
        if (seen[1] != null && mine[1] != null && !seen[1].equals(mine[1])) {
          fail(
              "log matching: entry "
                  + key
                  + " preceded by terms "
                  + seen[1]
                  + " and "
                  + mine[1]
                  + " ("
                  + nodeId
                  + ")");
          return;
        }
        if (seen[1] == null && mine[1] != null) {
          identity.put(key, mine);
        }
      }
      prevTerm = e.term();
      first = false;
    }
  }

  public long maxCommitted() {
    return maxCommitted;
  }
}
