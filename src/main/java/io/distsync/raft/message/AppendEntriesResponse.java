package io.distsync.raft.message;

/**
 * Answer to {@link AppendEntriesRequest}. On success {@code matchIndex} is the last index known to
 * match the leader's log (and durable here). On failure, {@code conflictTerm}/{@code conflictIndex}
 * let the leader skip back a whole term at a time (§5.3, fast back-off): {@code conflictTerm} is
 * the term of this node's entry at prevLogIndex (0 when the log is shorter) and {@code
 * conflictIndex} the first index of that term here (or lastLogIndex + 1).
 */
public record AppendEntriesResponse(
    long term,
    String from,
    boolean success,
    long matchIndex,
    long conflictIndex,
    long conflictTerm,
    long round)
    implements RaftMessage {}
