package io.distsync.queue;

import io.distsync.cluster.ClusterConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The three consistent-hash rings of the queue (issue 6, Partitions): message key to partition,
 * partition to the Redis shard that stores it, and partition to the live member that runs its
 * background work. A partition is named {@code <queue>/<partition>} on the last two rings.
 */
@ApplicationScoped
public class PartitionRing {
  /** Points per member: enough that each of a few members gets close to its fair share. */
  static final int VIRTUAL_NODES = 160;

  @Inject QueueSettings settings;
  @Inject RedisShards shards;
  @Inject LiveMembers members;
  @Inject ClusterConfig config;

  private HashRing<Integer> keys;
  private HashRing<Integer> shardRing;
  private volatile Owners owners = new Owners(Map.of(), HashRing.of(Map.of(), 1));

  /** One counter for every queue: per-queue counters would be state that grows with names. */
  private final AtomicInteger roundRobin = new AtomicInteger();

  /** The owner ring, rebuilt only when the live set changes. */
  record Owners(Map<String, Boolean> members, HashRing<String> ring) {}

  @PostConstruct
  void build() {
    Map<String, Integer> parts = new LinkedHashMap<>();
    for (int p = 0; p < settings.partitions(); p++) {
      parts.put("partition-" + p, p);
    }
    keys = HashRing.of(parts, VIRTUAL_NODES);
    Map<String, Integer> byShard = new LinkedHashMap<>();
    for (RedisShards.Shard s : shards.all()) {
      byShard.put(s.id(), s.index());
    }
    shardRing = HashRing.of(byShard, VIRTUAL_NODES);
  }

  /**
   * The partition of a new message: by its key on the ring; without a key by its deduplication id
   * (so a retried message meets its first copy); else round robin.
   */
  public int partitionFor(String queue, String key, String dedupId) {
    if (settings.partitions() == 1) {
      return 0;
    }
    if (key != null) {
      return keys.locate(key);
    }
    if (dedupId != null) {
      return keys.locate("dedup:" + dedupId);
    }
    int n = roundRobin.getAndIncrement();
    return Math.floorMod(n, settings.partitions());
  }

  public RedisShards.Shard shardOf(String queue, int partition) {
    return shards.get(shardRing.locate(queue + "/" + partition));
  }

  /** The current owners: the live members on a ring (rebuilt when the live set changed). */
  public Owners owners() {
    Map<String, Boolean> now = members.members();
    Owners current = owners;
    if (!now.equals(current.members())) {
      Map<String, String> live = new LinkedHashMap<>();
      now.forEach(
          (id, isLive) -> {
            if (isLive) {
              live.put(id, id);
            }
          });
      current = new Owners(now, HashRing.of(live, VIRTUAL_NODES));
      owners = current;
    }
    return current;
  }

  /** The live member that runs the background work of a partition, or null with no member. */
  public static String ownerOf(Owners owners, String queue, int partition) {
    return owners.ring().isEmpty() ? null : owners.ring().locate(queue + "/" + partition);
  }

  public boolean ownedHere(Owners owners, String queue, int partition) {
    return config.nodeId().equals(ownerOf(owners, queue, partition));
  }

  public List<RedisShards.Shard> shards() {
    return shards.all();
  }
}
