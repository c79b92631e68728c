package io.distsync.queue.model;

import java.util.List;

/**
 * The queue figures in {@code GET /status}.
 *
 * @param queues queues this node knows of
 * @param partitionsPerQueue {@code QUEUE_PARTITIONS}
 * @param partitionsOwned partitions whose background work this node runs
 * @param liveMembers the members this node sees live (the ring's members)
 * @param shards Redis shards storing partitions
 */
public record QueueStatus(
    int queues,
    int partitionsPerQueue,
    int partitionsOwned,
    List<String> liveMembers,
    int shards) {}
