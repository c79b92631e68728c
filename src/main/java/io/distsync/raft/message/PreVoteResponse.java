package io.distsync.raft.message;

/** Answer to a {@link PreVoteRequest}; {@code term} is the request's term when granted. */
public record PreVoteResponse(long term, String from, boolean granted) implements RaftMessage {}
