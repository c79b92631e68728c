package io.distsync.raft.message;

import io.distsync.raft.LogEntry;
import java.util.List;

/**
 * AppendEntries RPC (§5.3), also the heartbeat. {@code round} is the leader's heartbeat round,
 * echoed back so the leader can confirm leadership for ReadIndex.
 */
public record AppendEntriesRequest(
    long term,
    String from,
    long prevLogIndex,
    long prevLogTerm,
    List<LogEntry> entries,
    long leaderCommit,
    long round)
    implements RaftMessage {
  public AppendEntriesRequest {
    entries = List.copyOf(entries);
  }
}
