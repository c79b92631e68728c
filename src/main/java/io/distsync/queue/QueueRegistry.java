package io.distsync.queue;

import io.distsync.paging.Page;
import io.distsync.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import redis.clients.jedis.RedisClient;

/**
 * The names of the queues that exist: a sorted set ({@link PartitionKeys#NAMES}) on every shard
 * that stores one of their partitions, written by the produce script in the same step as the
 * message. Rule: nothing per name is kept in this node's memory; a listing reads one page from
 * Redis, so its cost is that of the page, whatever the number of queues stored.
 */
@ApplicationScoped
public class QueueRegistry {
  @Inject RedisShards shards;

  private volatile long lastCount;

  /** Whether the queue exists on some shard. */
  boolean exists(String queue) {
    for (RedisShards.Shard s : shards.all()) {
      if (s.client().zscore(PartitionKeys.NAMES, queue) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * One page of names in name order: up to {@code limit + 1} from each shard after the cursor,
   * merged, so that the page knows whether another one follows.
   */
  Page<String> page(PageRequest request) {
    String from = request.after() == null ? "-" : "(" + request.after();
    TreeSet<String> merged = new TreeSet<>();
    for (RedisShards.Shard s : shards.all()) {
      merged.addAll(s.client().zrangeByLex(PartitionKeys.NAMES, from, "+", 0, request.limit() + 1));
    }
    List<String> candidates = new ArrayList<>(request.limit() + 1);
    for (String name : merged) {
      if (candidates.size() > request.limit()) {
        break;
      }
      candidates.add(name);
    }
    return Page.of(candidates, request.limit(), n -> n);
  }

  /**
   * The number of names on the shards (a queue whose partitions live on several shards counts once
   * per shard, so with shards this is an upper bound).
   */
  long count() {
    long n = 0;
    for (RedisShards.Shard s : shards.all()) {
      n += s.client().zcard(PartitionKeys.NAMES);
    }
    lastCount = n;
    return n;
  }

  /** The count of the last {@link #count()}, for {@code /status} (no Redis call). */
  long lastCount() {
    return lastCount;
  }

  /** Takes a deleted queue's name off every shard. */
  void forget(String queue) {
    for (RedisShards.Shard s : shards.all()) {
      RedisClient c = s.client();
      c.zrem(PartitionKeys.NAMES, queue);
    }
  }
}
