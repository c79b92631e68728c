package io.distsync.raft.message;

/**
 * Answer to a chunk: {@code nextOffset} is the offset the follower expects next; {@code done} that
 * the whole snapshot is installed.
 */
public record InstallSnapshotResponse(
    long term,
    String from,
    long lastIncludedIndex,
    long nextOffset,
    boolean success,
    boolean done,
    long round)
    implements RaftMessage {}
