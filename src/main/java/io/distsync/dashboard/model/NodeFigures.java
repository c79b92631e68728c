package io.distsync.dashboard.model;

import io.distsync.cache.model.CacheStateView;
import io.distsync.cluster.model.RedisStatus;
import io.distsync.raft.RaftStatus;

/**
 * What one node reports of itself to the dashboard ({@code GET /internal/dashboard/node}).
 *
 * @param at this node's wall clock when it answered (ms since the epoch)
 * @param raft its Raft view (members' progress only when it leads)
 * @param redis a PING of its Redis, bounded by 1 s
 * @param cache its cache with the first lines in key order (at most the dashboard's limit)
 */
public record NodeFigures(
    String nodeId,
    long at,
    RaftStatus raft,
    RedisStatus redis,
    CacheStateView cache,
    Counters counters) {}
