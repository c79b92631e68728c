package io.distsync.queue.model;

import java.util.List;

/**
 * Answer to {@code GET /queues/ring}: the consistent-hash ring as this node computes it.
 *
 * @param nodeId the node that answers
 * @param virtualNodes points per member on each ring
 * @param partitionsPerQueue {@code QUEUE_PARTITIONS}
 * @param members the Raft members, whether this node sees them live, and the partitions each one
 *     runs the background work of ({@code queue/partition})
 * @param shards the Redis shards and the partitions each one stores
 * @param queues per queue of this page (or the one queue asked for), each partition's owner and
 *     shard; members and shards list the partitions of these queues only
 * @param nextCursor the cursor of the next page of queues, or null
 */
public record RingView(
    String nodeId,
    int virtualNodes,
    int partitionsPerQueue,
    List<Member> members,
    List<Shard> shards,
    List<QueueRing> queues,
    String nextCursor) {

  /**
   * @param id member id
   * @param live whether this node sees it live (only live members own partitions)
   * @param partitions the partitions it owns, as {@code queue/partition}
   */
  public record Member(String id, boolean live, List<String> partitions) {}

  /**
   * @param id the shard's Redis URL without credentials
   * @param partitions the partitions it stores, as {@code queue/partition}
   */
  public record Shard(String id, List<String> partitions) {}

  /**
   * @param queue the queue
   * @param partitions its partitions
   */
  public record QueueRing(String queue, List<Partition> partitions) {}

  /**
   * @param partition the partition number
   * @param owner the live member that runs its background work
   * @param shard the Redis shard that stores it
   */
  public record Partition(int partition, String owner, String shard) {}
}
