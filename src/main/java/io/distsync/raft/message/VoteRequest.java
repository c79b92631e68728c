package io.distsync.raft.message;

/**
 * RequestVote RPC (§5.2). {@code leadershipTransfer} is set by a candidate that received {@link
 * TimeoutNow}: voters then ignore leader stickiness (dissertation §3.10, §4.2.3).
 */
public record VoteRequest(
    long term, String from, long lastLogIndex, long lastLogTerm, boolean leadershipTransfer)
    implements RaftMessage {}
