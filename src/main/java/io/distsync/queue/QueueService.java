package io.distsync.queue;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import io.distsync.paging.Page;
import io.distsync.paging.PageRequest;
import io.distsync.queue.QueueStore.NewMessage;
import io.distsync.queue.QueueStore.Produced;
import io.distsync.queue.model.AckReply;
import io.distsync.queue.model.AckRequest;
import io.distsync.queue.model.ExtendReply;
import io.distsync.queue.model.ExtendRequest;
import io.distsync.queue.model.NackReply;
import io.distsync.queue.model.NackRequest;
import io.distsync.queue.model.ProduceReply;
import io.distsync.queue.model.QueueStats;
import io.distsync.redis.RedisUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Produce, ack, nack and figures of the queues. Each request touches each partition it concerns
 * with one atomic script; a batch that spans several partitions is one script per partition.
 */
@ApplicationScoped
public class QueueService {
  @Inject QueueSettings settings;
  @Inject PartitionRing ring;
  @Inject QueueRegistry registry;
  @Inject QueueMetrics metrics;
  @Inject Waiters waiters;

  /** Messages dropped per script call by a purge or delete, so Redis is never held long. */
  static final int PURGE_BATCH = 1000;

  final QueueStore store = new QueueStore();

  /**
   * Enqueues one message or a batch. Rule: answer 201 only once Redis holds every message (the
   * script returned); a Redis outage is 503 and nothing is acknowledged.
   */
  public ProduceReply produce(String queue, JsonObject body) {
    QueueRequests.queueName(queue);
    List<NewMessage> messages = QueueRequests.produce(body);
    int[] partitionOf = new int[messages.size()];
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    int roundRobin = -1; // keyless messages of one request share one partition: FIFO among them
    for (int i = 0; i < messages.size(); i++) {
      NewMessage m = messages.get(i);
      int p;
      if (m.key() != null || m.dedupId() != null) {
        p = ring.partitionFor(queue, m.key(), m.dedupId());
      } else {
        if (roundRobin < 0) {
          roundRobin = ring.partitionFor(queue, null, null);
        }
        p = roundRobin;
      }
      partitionOf[i] = p;
      groups.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
    }
    String[] ids = new String[messages.size()];
    int added = 0;
    for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
      int p = g.getKey();
      RedisShards.Shard shard = ring.shardOf(queue, p);
      List<NewMessage> part = g.getValue().stream().map(messages::get).toList();
      Produced r =
          RedisUnavailable.call(
              () ->
                  store.produce(
                      shard.client(),
                      PartitionKeys.of(queue, p),
                      queue,
                      settings.maxQueues(),
                      part));
      if (r.refused()) {
        // Only a new queue is refused, and then by its first partition on that shard; with several
        // shards, groups of this batch stored on other shards before it stay stored (not acked).
        throw new ApiException(
            ErrorCode.LIMIT_EXCEEDED,
            "Redis shard "
                + shard.id()
                + " already holds "
                + settings.maxQueues()
                + " queues (QUEUE_MAX_QUEUES); delete unused queues or raise the cap.");
      }
      for (int k = 0; k < part.size(); k++) {
        ids[g.getValue().get(k)] = Receipts.id(p, r.seqs().get(k));
      }
      added += r.added();
    }
    metrics.produced(added);
    waiters.wake(queue, added);
    List<Integer> partitions =
        groups.size() > 1 ? Arrays.stream(partitionOf).boxed().toList() : null;
    return new ProduceReply(List.of(ids), partitionOf[0], partitions);
  }

  public AckReply ack(String queue, AckRequest request) {
    QueueRequests.queueName(queue);
    if (request == null) {
      throw ApiException.invalid("the body must be {\"receipts\": [...]}");
    }
    Map<Integer, List<String>> byPartition =
        byPartition(QueueRequests.list(request.receipts(), "receipts", true), true);
    int acked = 0;
    for (Map.Entry<Integer, List<String>> g : byPartition.entrySet()) {
      acked += ackPartition(queue, g.getKey(), g.getValue());
    }
    return new AckReply(acked);
  }

  /** Acks partition-local receipts of one partition; how many acked a delivery. */
  int ackPartition(String queue, int p, List<String> receipts) {
    RedisShards.Shard shard = ring.shardOf(queue, p);
    QueueStore.Acked r =
        RedisUnavailable.call(
            () -> store.ack(shard.client(), PartitionKeys.of(queue, p), receipts));
    metrics.acked(r.producedAt(), System.currentTimeMillis());
    return r.acked();
  }

  public NackReply nack(String queue, NackRequest request) {
    QueueRequests.queueName(queue);
    if (request == null) {
      throw ApiException.invalid("the body must be {\"receipts\": [...], \"delayMs\": n}");
    }
    long delay = QueueRequests.range(request.delayMs(), "delayMs", 0, Limits.MAX_DELAY_MS, 0);
    Map<Integer, List<String>> byPartition =
        byPartition(QueueRequests.list(request.receipts(), "receipts", true), true);
    int nacked = 0;
    int dead = 0;
    for (Map.Entry<Integer, List<String>> g : byPartition.entrySet()) {
      int p = g.getKey();
      RedisShards.Shard shard = ring.shardOf(queue, p);
      QueueStore.Nacked r =
          RedisUnavailable.call(
              () ->
                  store.nack(
                      shard.client(),
                      PartitionKeys.of(queue, p),
                      g.getValue(),
                      delay,
                      settings.maxDeliveries()));
      nacked += r.nacked();
      dead += r.deadLettered();
    }
    metrics.deadLettered(dead);
    if (nacked > dead && delay == 0) {
      waiters.wake(queue, nacked - dead);
    }
    return new NackReply(nacked, dead);
  }

  /**
   * Gives the deliveries of {@code request}'s receipts that are still in flight a new visibility
   * from now, for a consumer whose work takes longer than it first asked for.
   */
  public ExtendReply extend(String queue, ExtendRequest request) {
    QueueRequests.queueName(queue);
    if (request == null || request.visibilityMs() == null) {
      throw ApiException.invalid("the body must be {\"receipts\": [...], \"visibilityMs\": n}");
    }
    long visibility =
        QueueRequests.range(
            request.visibilityMs(),
            "visibilityMs",
            Limits.MIN_VISIBILITY_MS,
            Limits.MAX_VISIBILITY_MS,
            0);
    Map<Integer, List<String>> byPartition =
        byPartition(QueueRequests.list(request.receipts(), "receipts", true), true);
    int extended = 0;
    for (Map.Entry<Integer, List<String>> g : byPartition.entrySet()) {
      int p = g.getKey();
      RedisShards.Shard shard = ring.shardOf(queue, p);
      extended +=
          RedisUnavailable.call(
              () ->
                  store.extend(
                      shard.client(), PartitionKeys.of(queue, p), g.getValue(), visibility));
    }
    return new ExtendReply(extended);
  }

  /** The figures of a queue; 404 when no node ever produced to it. */
  public QueueStats stats(String queue) {
    QueueRequests.queueName(queue);
    if (!RedisUnavailable.call(() -> registry.exists(queue))) {
      throw new ApiException(ErrorCode.NOT_FOUND, "No queue named " + queue + ".");
    }
    return figures(queue);
  }

  /** The figures of one page of queues, in name order. */
  public Page<QueueStats> page(PageRequest request) {
    Page<String> names = RedisUnavailable.call(() -> registry.page(request));
    return new Page<>(names.items().stream().map(this::figures).toList(), names.nextCursor());
  }

  /**
   * Drops every message of the queue; with {@code delete} the queue itself goes too (its name,
   * sequence and totals). Receipts of deliveries in flight ack nothing afterwards. A produce that
   * runs during or after it stores its messages as usual (and so makes a deleted queue again).
   *
   * @return the number of messages dropped
   */
  public long drop(String queue, boolean delete) {
    QueueRequests.queueName(queue);
    if (!RedisUnavailable.call(() -> registry.exists(queue))) {
      throw new ApiException(ErrorCode.NOT_FOUND, "No queue named " + queue + ".");
    }
    long dropped = 0;
    for (int p = 0; p < settings.partitions(); p++) {
      RedisShards.Shard shard = ring.shardOf(queue, p);
      PartitionKeys keys = PartitionKeys.of(queue, p);
      dropped +=
          RedisUnavailable.call(() -> store.purge(shard.client(), keys, PURGE_BATCH, delete));
    }
    if (delete) {
      RedisUnavailable.call(
          () -> {
            registry.forget(queue);
            return null;
          });
    }
    return dropped;
  }

  QueueStats figures(String queue) {
    QueueStore.Stats sum = QueueStore.Stats.ZERO;
    for (int p = 0; p < settings.partitions(); p++) {
      RedisShards.Shard shard = ring.shardOf(queue, p);
      int partition = p;
      sum =
          sum.plus(
              RedisUnavailable.call(
                  () -> store.stats(shard.client(), PartitionKeys.of(queue, partition))));
    }
    return new QueueStats(
        queue,
        settings.partitions(),
        sum.ready(),
        sum.delayed(),
        sum.inFlight(),
        sum.dead(),
        sum.produced(),
        sum.acked());
  }

  /**
   * Receipts (or ids) grouped by partition, in their partition-local form; malformed ones and ones
   * of a partition this queue does not have are left out (they ack nothing).
   */
  Map<Integer, List<String>> byPartition(List<String> values, boolean receipts) {
    Map<Integer, List<String>> out = new LinkedHashMap<>();
    for (String v : values) {
      Receipts.Local l = receipts ? Receipts.parseReceipt(v) : Receipts.parseId(v);
      if (l != null && l.partition() < settings.partitions()) {
        out.computeIfAbsent(l.partition(), k -> new ArrayList<>()).add(l.local());
      }
    }
    return out;
  }
}
