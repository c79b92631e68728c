package io.distsync.dashboard.model;

/**
 * A node's own cumulative counters; the page turns two snapshots into rates and mean latencies.
 *
 * @param lockGrants acquires this node answered with a grant
 * @param lockAcquires acquires timed (granted or not) and {@code lockAcquireNanos} their total time
 * @param queueDelivered messages handed to consumers; {@code queueEndToEndNanos} over {@code
 *     queueEndToEndCount} acked messages, from produce to ack
 * @param cacheHits reads served from this node's lines; {@code cacheMisses} the others
 */
public record Counters(
    long lockGrants,
    long lockAcquires,
    long lockAcquireNanos,
    long queueProduced,
    long queueDelivered,
    long queueAcked,
    long queueEndToEndCount,
    long queueEndToEndNanos,
    long cacheHits,
    long cacheMisses) {}
