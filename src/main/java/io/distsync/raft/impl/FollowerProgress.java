package io.distsync.raft.impl;

/** What a leader knows about one follower's log (Figure 2 "volatile state on leaders"). */
final class FollowerProgress {
  final String id;

  /** Index of the next entry to send (§5.3). */
  long nextIndex;

  /** Highest index known replicated (and durable) on the follower (§5.3). */
  long matchIndex;

  /** Last indexes of the AppendEntries in flight (pipelining), oldest first. */
  final java.util.ArrayDeque<Long> inFlight = new java.util.ArrayDeque<>();

  /** After a rejection, send one AppendEntries at a time until one succeeds. */
  boolean probing = true;

  /** Leader clock time of the last reply of this term (check-quorum). */
  long lastContact;

  /** When the in-flight window last made progress (to detect lost messages). */
  long lastProgress;

  /**
   * Highest commit index the follower can have learned from this leader: the leaderCommit of an
   * AppendEntries, capped by the last entry that message let it match (§5.3).
   */
  long commitSent;

  /** Highest heartbeat round the follower answered (ReadIndex). */
  long ackedRound;

  // Snapshot transfer (§7), chunk by chunk.
  long snapshotIndex = -1;
  long snapshotOffset;
  boolean snapshotInFlight;
  long snapshotSentAt;

  FollowerProgress(String id, long nextIndex, long now) {
    this.id = id;
    this.nextIndex = nextIndex;
    this.lastContact = now;
    this.lastProgress = now;
  }
}
