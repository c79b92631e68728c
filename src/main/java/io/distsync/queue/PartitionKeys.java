package io.distsync.queue;

import java.util.List;

/**
 * The Redis keys of one partition of a queue. All share the hash tag {@code {queue:partition}}, so
 * a partition's keys stay together (one slot, were the shard a Redis Cluster), and a message's
 * fields live in {@code <prefix>:m:<seq>}.
 *
 * @param prefix {@code dsq:{<queue>:<partition>}}
 */
record PartitionKeys(String prefix) {
  /** The set of known queue names, on every shard that stores a partition of them. */
  static final String REGISTRY = "dsq:queues";

  static PartitionKeys of(String queue, int partition) {
    return new PartitionKeys("dsq:{" + queue + ":" + partition + "}");
  }

  /** Ready messages (sequence numbers) by score: priority first, then produce order. */
  String ready() {
    return prefix + ":ready";
  }

  /** Delayed messages by due time. */
  String delayed() {
    return prefix + ":delayed";
  }

  /** Deliveries ({@code seq.token}) by visibility deadline. */
  String inFlight() {
    return prefix + ":inflight";
  }

  /** Dead letters by the time they died. */
  String dead() {
    return prefix + ":dead";
  }

  /** Sequence counter and totals (produced, acked, deadLettered, redriven). */
  String meta() {
    return prefix + ":meta";
  }

  List<String> all() {
    return List.of(ready(), delayed(), inFlight(), dead(), meta());
  }
}
