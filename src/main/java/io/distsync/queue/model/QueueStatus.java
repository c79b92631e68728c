package io.distsync.queue.model;

import java.util.List;

/**
 * The queue figures in {@code GET /status}.
 *
 * @param queues queues stored, as this node's last background pass counted them (with several
 *     shards, a queue spread over them counts once per shard)
 * @param partitionsPerQueue {@code QUEUE_PARTITIONS}
 * @param partitionsSwept partitions whose background work this node ran in its last pass (only
 *     partitions with work due are visited)
 * @param liveMembers the members this node sees live (the ring's members)
 * @param shards Redis shards storing partitions
 */
public record QueueStatus(
    long queues,
    int partitionsPerQueue,
    int partitionsSwept,
    List<String> liveMembers,
    int shards) {}
