package io.distsync.queue;

import io.distsync.cluster.ClusterConfig;
import io.distsync.paging.Page;
import io.distsync.paging.PageRequest;
import io.distsync.queue.model.QueueStatus;
import io.distsync.queue.model.RingView;
import io.distsync.redis.RedisUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ring as this node computes it ({@code GET /queues/ring}) and the queue part of /status. */
@ApplicationScoped
public class RingService {
  @Inject ClusterConfig config;
  @Inject QueueSettings settings;
  @Inject PartitionRing ring;
  @Inject QueueRegistry registry;
  @Inject QueueSweeper sweeper;

  /**
   * The ring, with the partitions of one page of queues (or of the one queue named): the members'
   * and shards' partition lists cover that page only, so the answer's size is bounded by the page.
   */
  public RingView view(PageRequest page, String only) {
    List<String> names;
    String next = null;
    if (only != null) {
      QueueRequests.queueName(only);
      names = List.of(only);
    } else {
      Page<String> p = RedisUnavailable.call(() -> registry.page(page));
      names = p.items();
      next = p.nextCursor();
    }
    PartitionRing.Owners owners = ring.owners();
    Map<String, List<String>> byMember = new LinkedHashMap<>();
    owners.members().keySet().forEach(id -> byMember.put(id, new ArrayList<>()));
    Map<String, List<String>> byShard = new LinkedHashMap<>();
    ring.shards().forEach(s -> byShard.put(s.id(), new ArrayList<>()));
    List<RingView.QueueRing> queues = new ArrayList<>();
    for (String queue : names) {
      List<RingView.Partition> parts = new ArrayList<>();
      for (int p = 0; p < settings.partitions(); p++) {
        String owner = PartitionRing.ownerOf(owners, queue, p);
        String shard = ring.shardOf(queue, p).id();
        parts.add(new RingView.Partition(p, owner, shard));
        if (owner != null) {
          byMember.computeIfAbsent(owner, k -> new ArrayList<>()).add(queue + "/" + p);
        }
        byShard.get(shard).add(queue + "/" + p);
      }
      queues.add(new RingView.QueueRing(queue, parts));
    }
    List<RingView.Member> members = new ArrayList<>();
    byMember.forEach(
        (id, parts) ->
            members.add(new RingView.Member(id, owners.members().getOrDefault(id, false), parts)));
    List<RingView.Shard> shards = new ArrayList<>();
    byShard.forEach((id, parts) -> shards.add(new RingView.Shard(id, parts)));
    return new RingView(
        config.nodeId(),
        PartitionRing.VIRTUAL_NODES,
        settings.partitions(),
        members,
        shards,
        queues,
        next);
  }

  /**
   * Cheap figures for {@code /status}: the number of queues as the last background pass counted
   * them (no Redis call here), and what this node knows of the ring.
   */
  public QueueStatus status() {
    PartitionRing.Owners owners = ring.owners();
    List<String> live =
        owners.members().entrySet().stream()
            .filter(Map.Entry::getValue)
            .map(Map.Entry::getKey)
            .toList();
    return new QueueStatus(
        registry.lastCount(),
        settings.partitions(),
        sweeper.lastWorked(),
        live,
        ring.shards().size());
  }
}
