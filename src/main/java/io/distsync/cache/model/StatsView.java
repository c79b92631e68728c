package io.distsync.cache.model;

import java.util.Map;

/**
 * This node's cache counters since start.
 *
 * @param transitions MESI transitions by pair, as {@code "I->E": n}
 */
public record StatsView(
    long hits,
    long misses,
    double hitRatio,
    long evictions,
    long invalidationsSent,
    long invalidationsReceived,
    long writeBacks,
    Map<String, Long> transitions) {}
