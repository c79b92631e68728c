package io.distsync.cluster.raft.model;

/**
 * Body of {@code POST /raft/noop}.
 *
 * @param tag free text stored in the log entry, so a client can find its proposal again
 */
public record NoopRequest(String tag) {}
