package io.distsync.cache.model;

import java.util.List;

/**
 * {@code GET /cache/state}: this node's cache.
 *
 * @param policy LRU or LFU
 * @param writePolicy write-through or write-back
 * @param serving whether this node serves from its cache now (it holds a lease and reaches a
 *     majority)
 * @param epoch its lease epoch, 0 when it holds none
 */
public record CacheStateView(
    String nodeId,
    String policy,
    String writePolicy,
    int capacity,
    int size,
    boolean serving,
    long epoch,
    List<LineView> lines,
    StatsView stats) {}
