package io.distsync.raft.message;

/**
 * The leader's answer: on success {@code readIndex} is a commit index confirmed by a majority after
 * the request arrived; otherwise {@code leaderId} names the leader the sender knows of, or null.
 */
public record ReadIndexResponse(
    long term, String from, long requestId, boolean success, long readIndex, String leaderId)
    implements RaftMessage {}
