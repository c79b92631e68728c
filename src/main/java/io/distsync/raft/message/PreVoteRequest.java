package io.distsync.raft.message;

/**
 * Asks whether the receiver would vote for the sender in {@code term}, without anyone changing
 * their term (pre-vote, dissertation §9.6).
 */
public record PreVoteRequest(long term, String from, long lastLogIndex, long lastLogTerm)
    implements RaftMessage {}
