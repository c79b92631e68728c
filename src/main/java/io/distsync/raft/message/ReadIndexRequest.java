package io.distsync.raft.message;

/** A follower asks the leader for a read index (dissertation §6.4). */
public record ReadIndexRequest(long term, String from, long requestId) implements RaftMessage {}
