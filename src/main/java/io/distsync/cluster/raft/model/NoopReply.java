package io.distsync.cluster.raft.model;

/**
 * Answer of {@code POST /raft/noop}: where the no-op landed.
 *
 * @param index its log index
 * @param term the term then
 * @param leaderId the leader that committed it
 * @param tag the tag it carries
 */
public record NoopReply(long index, long term, String leaderId, String tag) {}
