package io.distsync.raft.message;

/** Answer to a {@link VoteRequest} (§5.2). */
public record VoteResponse(long term, String from, boolean granted) implements RaftMessage {}
