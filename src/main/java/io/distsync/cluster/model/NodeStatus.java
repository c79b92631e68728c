package io.distsync.cluster.model;

import java.util.List;

/**
 * The summary {@code GET /status} returns.
 *
 * @param nodeId this node
 * @param url how peers reach it
 * @param role its Raft role
 * @param term its Raft term
 * @param leaderId the Raft leader it knows of, or null
 * @param startedAt epoch ms of application start
 * @param uptimeMs ms since then
 * @param redis Redis as this node sees it
 * @param peers the other members as this node sees them
 * @param queue the queue figures this node knows without asking Redis
 * @param cache this node's cache figures
 */
public record NodeStatus(
    String nodeId,
    String url,
    String role,
    long term,
    String leaderId,
    long startedAt,
    long uptimeMs,
    RedisStatus redis,
    List<PeerStatus> peers,
    io.distsync.queue.model.QueueStatus queue,
    io.distsync.cache.model.CacheSummary cache) {}
