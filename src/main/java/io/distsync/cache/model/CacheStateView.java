package io.distsync.cache.model;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * {@code GET /cache/state}: this node's cache, with one page of its lines.
 *
 * @param size every line this node holds (not only this page's)
 * @param policy LRU or LFU
 * @param writePolicy write-through or write-back
 * @param serving whether this node serves from its cache now (it holds a lease and reaches a
 *     majority)
 * @param epoch its lease epoch, 0 when it holds none
 * @param lines one page of the lines, in key order
 * @param nextCursor the {@code cursor} of the next page of lines, null on the last page
 */
@JsonbNillable // nextCursor is null on the last page, and says so
public record CacheStateView(
    String nodeId,
    String policy,
    String writePolicy,
    int capacity,
    int size,
    boolean serving,
    long epoch,
    List<LineView> lines,
    String nextCursor,
    StatsView stats) {}
