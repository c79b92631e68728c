package io.distsync.raft.impl;

import java.util.LinkedHashMap;
import java.util.Map;

/** State a node keeps only while it is leader. Executor-confined. */
final class LeaderState {
  final Map<String, FollowerProgress> followers = new LinkedHashMap<>();

  /** Index of the NOOP this leader appended; commitIndex >= it means it committed in its term. */
  final long termStartIndex;

  /** Heartbeat round, carried by every AppendEntries and echoed back (ReadIndex). */
  long round;

  /** Send times of recent rounds, for the round-trip metric. */
  final Map<Long, Long> roundSentAt =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> e) {
          return size() > 64;
        }
      };

  /** Leadership transfer in progress, or null. */
  LeadershipTransfer.Pending transfer;

  LeaderState(long termStartIndex) {
    this.termStartIndex = termStartIndex;
  }
}
