package io.distsync.raft.message;

/**
 * One chunk of InstallSnapshot (§7). {@code membership} is the encoded {@link
 * io.distsync.raft.Membership} in force at {@code lastIncludedIndex}; {@code done} marks the last
 * chunk.
 */
public record InstallSnapshotRequest(
    long term,
    String from,
    long lastIncludedIndex,
    long lastIncludedTerm,
    byte[] membership,
    long offset,
    byte[] data,
    boolean done,
    long round)
    implements RaftMessage {}
