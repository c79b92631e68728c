package io.distsync.raft.message;

/** Tells a caught-up follower to start an election at once (leadership transfer, §3.10). */
public record TimeoutNow(long term, String from) implements RaftMessage {}
