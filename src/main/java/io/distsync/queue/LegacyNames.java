package io.distsync.queue;

import io.distsync.cluster.NodeLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Moves the queue names of earlier versions (a plain set, {@link PartitionKeys#LEGACY_NAMES}, and
 * no due index) to the name index, one page per background pass, and enters each partition of them
 * in the due index by running its background work once. Rule: nothing that grows with stored data
 * is read at start; a node with any number of old queues starts at once and moves them over in
 * bounded steps. Several nodes may do it at once: every step is idempotent.
 */
final class LegacyNames {
  private static final NodeLog LOG = NodeLog.of(LegacyNames.class);

  /** Names read per pass and shard. */
  static final int PAGE = 200;

  /** Per shard index: the SSCAN cursor to go on from; absent once the shard has none left. */
  private final Map<Integer, String> cursors = new ConcurrentHashMap<>();

  private final QueueStore store;

  LegacyNames(QueueStore store, List<RedisShards.Shard> shards) {
    this.store = store;
    shards.forEach(s -> cursors.put(s.index(), ScanParams.SCAN_POINTER_START));
  }

  /** True while some shard may still hold old names. */
  boolean pending() {
    return !cursors.isEmpty();
  }

  /** One page of one shard: the names join the index, their partitions on it the due index. */
  void step(
      RedisShards.Shard shard,
      int partitions,
      int maxDeliveries,
      BiPredicate<String, Integer> storedOnShard) {
    String cursor = cursors.get(shard.index());
    if (cursor == null) {
      return;
    }
    ScanResult<String> page =
        shard.client().sscan(PartitionKeys.LEGACY_NAMES, cursor, new ScanParams().count(PAGE));
    for (String queue : page.getResult()) {
      shard.client().zadd(PartitionKeys.NAMES, 0, queue);
      for (int p = 0; p < partitions; p++) {
        if (storedOnShard.test(queue, p)) {
          store.consume(
              shard.client(),
              PartitionKeys.of(queue, p),
              0,
              1,
              maxDeliveries,
              "sweep",
              1,
              List.of());
        }
      }
    }
    if (page.isCompleteIteration()) {
      long removed = shard.client().del(PartitionKeys.LEGACY_NAMES);
      cursors.remove(shard.index());
      if (removed > 0 || !ScanParams.SCAN_POINTER_START.equals(cursor)) {
        LOG.info("queue names of shard " + shard.id() + " moved to the name and due indexes");
      }
    } else {
      cursors.put(shard.index(), page.getCursor());
    }
  }
}
