package io.distsync.queue;

import io.distsync.cluster.NodeLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of the queues that exist: a Redis set ({@code dsq:queues}) on every shard that stores
 * one of their partitions, added to on a queue's first produce through this node, and cached here
 * (refreshed by the background work) so that {@code /status} and the metrics never wait on Redis.
 */
@ApplicationScoped
public class QueueRegistry {
  private static final NodeLog LOG = NodeLog.of(QueueRegistry.class);

  @Inject RedisShards shards;

  /** {@code <shard>|<queue>} pairs this node has added to Redis. */
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /** Makes sure the shard lists the queue (one SADD per shard and queue per node). */
  void remember(RedisShards.Shard shard, String queue) {
    String mark = shard.index() + "|" + queue;
    if (registered.contains(mark)) {
      return;
    }
    shard.client().sadd(PartitionKeys.REGISTRY, queue);
    registered.add(mark);
    known.add(queue);
  }

  /** Reads the set from every shard; a shard that fails keeps its last known names. */
  void refresh() {
    for (RedisShards.Shard s : shards.all()) {
      try {
        Set<String> names = s.client().smembers(PartitionKeys.REGISTRY);
        known.addAll(names);
        // A name this node added but the shard lost (flushed): add it again on the next produce.
        registered.removeIf(
            mark ->
                mark.startsWith(s.index() + "|")
                    && !names.contains(mark.substring(mark.indexOf('|') + 1)));
      } catch (RuntimeException e) {
        LOG.debug("queue registry of shard " + s.id() + " not read: " + e.getMessage());
      }
    }
  }

  /** Whether the queue exists on some shard (asks Redis when it is not known here yet). */
  boolean exists(String queue) {
    if (known.contains(queue)) {
      return true;
    }
    for (RedisShards.Shard s : shards.all()) {
      if (s.client().sismember(PartitionKeys.REGISTRY, queue)) {
        known.add(queue);
        return true;
      }
    }
    return false;
  }

  /** The known queue names, sorted, without asking Redis. */
  SortedSet<String> known() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(known));
  }
}
