package io.distsync.cluster.raft.model;

/**
 * Answer of {@code GET /raft/leader}.
 *
 * @param leaderId the leader this node knows of, null while none
 * @param leaderUrl its URL, null while none
 * @param term this node's current term
 * @param nodeId this node
 * @param role this node's role
 */
public record LeaderView(
    String leaderId, String leaderUrl, long term, String nodeId, String role) {}
