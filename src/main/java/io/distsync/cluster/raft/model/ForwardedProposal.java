package io.distsync.cluster.raft.model;

/**
 * A proposal a follower forwards to the leader.
 *
 * @param command the command, UTF-8 text
 */
public record ForwardedProposal(String command) {}
