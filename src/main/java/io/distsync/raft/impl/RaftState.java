package io.distsync.raft.impl;

import java.util.HashSet;
import java.util.Set;

/**
 * A node's volatile and persistent-mirrored state (Figure 2), with the per-role parts: votes for
 * (pre-)candidates, {@link LeaderState} for the leader. Executor-confined.
 */
final class RaftState {
  enum Role {
    FOLLOWER,
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
  }

  // Persistent on all servers (mirrored from the store, written through before replying).
  long currentTerm;
  String votedFor;

  // Volatile on all servers.
  Role role = Role.FOLLOWER;
  String leaderId;
  long commitIndex;
  long lastApplied;

  /** When this node last heard from a leader of the current term (for leader stickiness). */
  long lastLeaderContact = Long.MIN_VALUE / 2;

  /** Election deadline, re-drawn at random each time it is reset (§5.2). */
  long electionDeadline;

  /** Votes (or pre-votes) gathered by a (pre-)candidate, including its own. */
  final Set<String> votes = new HashSet<>();

  /** Present only while leader. */
  LeaderState leader;

  /** Snapshot being received in chunks, or null. */
  IncomingSnapshot incomingSnapshot;

  boolean isLeader() {
    return role == Role.LEADER;
  }

  /** A snapshot arriving in chunks (§7): the bytes so far and what it covers. */
  static final class IncomingSnapshot {
    final long lastIncludedIndex;
    final long lastIncludedTerm;
    final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();

    IncomingSnapshot(long lastIncludedIndex, long lastIncludedTerm) {
      this.lastIncludedIndex = lastIncludedIndex;
      this.lastIncludedTerm = lastIncludedTerm;
    }
  }
}
