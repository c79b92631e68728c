package io.distsync.queue;

import io.distsync.error.ApiException;
import io.distsync.queue.model.ConsumeReply;
import io.distsync.queue.model.ConsumeRequest;
import io.distsync.queue.model.ConsumedMessage;
import io.distsync.redis.RedisUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Consume: one try at once on the request thread; when nothing was ready and the client asked to
 * wait, the {@link Waiters} go on trying without holding the thread. Each try visits the partitions
 * from a random one, so consumers share them; within a partition the script delivers in priority,
 * then produce order, after reclaiming that partition's expired deliveries itself, so redelivery
 * does not wait for the partition's owner.
 */
@ApplicationScoped
public class ConsumeService {
  /** Expired deliveries and due delayed messages a consume moves back before delivering. */
  static final int RECLAIM_LIMIT = 100;

  @Inject QueueSettings settings;
  @Inject PartitionRing ring;
  @Inject QueueMetrics metrics;
  @Inject Waiters waiters;
  @Inject QueueService queues;

  private final QueueStore store = new QueueStore();

  public CompletionStage<ConsumeReply> consume(String queue, ConsumeRequest request) {
    QueueRequests.queueName(queue);
    if (request == null) {
      throw ApiException.invalid("the body must be {\"consumer\": ..., \"max\": n, ...}");
    }
    QueueRequests.consumer(request.consumer());
    int max = QueueRequests.range(request.max(), "max", 1, Limits.MAX_CONSUME, 1);
    long visibility =
        QueueRequests.range(
            request.visibilityMs(),
            "visibilityMs",
            Limits.MIN_VISIBILITY_MS,
            Limits.MAX_VISIBILITY_MS,
            settings.visibilityTimeoutMs());
    long waitMs = QueueRequests.range(request.waitMs(), "waitMs", 0, Limits.MAX_WAIT_MS, 0);
    Map<Integer, List<String>> acks =
        queues.byPartition(QueueRequests.list(request.ack(), "ack", false), true);
    ConsumeReply first = attempt(queue, max, visibility, acks);
    if (!first.messages().isEmpty() || waitMs == 0) {
      return CompletableFuture.completedFuture(first);
    }
    // The acks were done by the first try; the tries of the long poll only take messages.
    int acked = first.acked();
    return waiters
        .await(queue, waitMs, () -> attempt(queue, max, visibility, Map.of()))
        .thenApply(r -> new ConsumeReply(r.messages(), acked));
  }

  /**
   * One try: the receipts to ack ({@code acks}, by partition) go with the script call of the first
   * partition visited when they belong to it (the usual case: one round trip for ack and take);
   * receipts of other partitions are acked on their own first, so every ack precedes the take.
   */
  ConsumeReply attempt(String queue, int max, long visibility, Map<Integer, List<String>> acks) {
    int partitions = settings.partitions();
    int start = partitions == 1 ? 0 : ThreadLocalRandom.current().nextInt(partitions);
    int acked = 0;
    for (Map.Entry<Integer, List<String>> g : acks.entrySet()) {
      if (g.getKey() != start) {
        acked += queues.ackPartition(queue, g.getKey(), g.getValue());
      }
    }
    String token = Receipts.token();
    List<ConsumedMessage> out = new ArrayList<>(Math.min(max, 16));
    int redelivered = 0;
    for (int k = 0; k < partitions && out.size() < max; k++) {
      int p = (start + k) % partitions;
      RedisShards.Shard shard = ring.shardOf(queue, p);
      int want = max - out.size();
      List<String> inline = k == 0 ? acks.getOrDefault(p, List.of()) : List.of();
      QueueStore.Consumed c =
          RedisUnavailable.call(
              () ->
                  store.consume(
                      shard.client(),
                      PartitionKeys.of(queue, p),
                      want,
                      visibility,
                      settings.maxDeliveries(),
                      token,
                      RECLAIM_LIMIT,
                      inline));
      if (!c.ackedProducedAt().isEmpty()) {
        acked += c.ackedProducedAt().size();
        metrics.acked(c.ackedProducedAt(), System.currentTimeMillis());
      }
      metrics.deadLettered(c.deadLettered());
      for (QueueStore.Delivery d : c.messages()) {
        if (d.deliveries() > 1) {
          redelivered++;
        }
        out.add(
            new ConsumedMessage(
                Receipts.id(p, d.seq()),
                parse(d.payload()),
                d.key(),
                d.priority(),
                d.deliveries(),
                Receipts.receipt(p, d.receipt()),
                d.producedAt()));
      }
    }
    metrics.delivered(out.size(), redelivered);
    return new ConsumeReply(out, acked);
  }

  /**
   * One reader factory for the node: {@code Json.createReader} looks the JSON provider up again on
   * every call, which costs more than parsing a small payload.
   */
  static final JsonReaderFactory READERS = Json.createReaderFactory(java.util.Map.of());

  /** The stored payload text back to a JSON value (it was written from a parsed value). */
  static JsonValue parse(String text) {
    try (JsonReader r = READERS.createReader(new StringReader(text))) {
      return r.readValue();
    }
  }
}
