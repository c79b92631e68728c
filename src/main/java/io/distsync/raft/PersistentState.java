package io.distsync.raft;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link RaftStore} recovered at start-up.
 *
 * @param term the last durable current term (0 when new)
 * @param votedFor the candidate voted for in {@code term}, or null
 * @param snapshot the latest complete snapshot, if any
 * @param entries the log entries after the snapshot, in index order with no gaps (the first has
 *     index {@code snapshot.lastIncludedIndex + 1}, or 1 without a snapshot)
 */
public record PersistentState(
    long term, String votedFor, Optional<Snapshot> snapshot, List<LogEntry> entries) {
  public PersistentState {
    entries = List.copyOf(entries);
  }

  public static PersistentState empty() {
    return new PersistentState(0, null, Optional.empty(), List.of());
  }
}
