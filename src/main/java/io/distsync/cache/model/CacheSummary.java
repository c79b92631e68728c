package io.distsync.cache.model;

/** The cache figures of {@code GET /status}. */
public record CacheSummary(
    String policy,
    String writePolicy,
    int capacity,
    int size,
    boolean serving,
    long hits,
    long misses,
    double hitRatio) {}
