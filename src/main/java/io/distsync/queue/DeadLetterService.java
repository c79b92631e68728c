package io.distsync.queue;

import io.distsync.queue.model.DeadLetter;
import io.distsync.queue.model.DeadLettersReply;
import io.distsync.queue.model.RedriveReply;
import io.distsync.queue.model.RedriveRequest;
import io.distsync.redis.RedisUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The dead letters: messages delivered {@code QUEUE_MAX_DELIVERIES} times without an ack. Listing
 * merges the partitions oldest first; redrive moves them back to ready (atomically per partition
 * and chunk of {@link #CHUNK}), with the delivery count reset.
 */
@ApplicationScoped
public class DeadLetterService {
  static final int CHUNK = 1000;

  /** Bound on chunks per partition and redrive, so one request cannot run forever. */
  static final int MAX_CHUNKS = 1000;

  @Inject QueueSettings settings;
  @Inject PartitionRing ring;
  @Inject QueueService queues;
  @Inject Waiters waiters;

  private final QueueStore store = new QueueStore();

  public DeadLettersReply list(String queue, int limit) {
    QueueRequests.queueName(queue);
    int n = QueueRequests.range(limit, "limit", 1, Limits.MAX_LIST, 100);
    List<DeadLetter> all = new ArrayList<>();
    long total = 0;
    for (int p = 0; p < settings.partitions(); p++) {
      RedisShards.Shard shard = ring.shardOf(queue, p);
      PartitionKeys keys = PartitionKeys.of(queue, p);
      int partition = p;
      total += RedisUnavailable.call(() -> shard.client().zcard(keys.dead()));
      for (QueueStore.DeadLetter d :
          RedisUnavailable.call(() -> store.deadLetters(shard.client(), keys, n))) {
        all.add(
            new DeadLetter(
                Receipts.id(partition, d.seq()),
                ConsumeService.parse(d.payload()),
                d.key(),
                d.priority(),
                d.deliveries(),
                d.producedAt(),
                d.deadLetteredAt()));
      }
    }
    all.sort(Comparator.comparingLong(DeadLetter::deadLetteredAt));
    return new DeadLettersReply(queue, total, all.size() > n ? all.subList(0, n) : all);
  }

  public RedriveReply redrive(String queue, RedriveRequest request) {
    QueueRequests.queueName(queue);
    List<String> ids = QueueRequests.list(request == null ? null : request.ids(), "ids", false);
    int moved = 0;
    if (!ids.isEmpty()) {
      for (Map.Entry<Integer, List<String>> g : queues.byPartition(ids, false).entrySet()) {
        int p = g.getKey();
        RedisShards.Shard shard = ring.shardOf(queue, p);
        List<Long> seqs = g.getValue().stream().map(Long::parseLong).toList();
        moved +=
            RedisUnavailable.call(
                () -> store.redrive(shard.client(), PartitionKeys.of(queue, p), CHUNK, seqs));
      }
    } else {
      for (int p = 0; p < settings.partitions(); p++) {
        RedisShards.Shard shard = ring.shardOf(queue, p);
        PartitionKeys keys = PartitionKeys.of(queue, p);
        for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
          int n =
              RedisUnavailable.call(() -> store.redrive(shard.client(), keys, CHUNK, List.of()));
          moved += n;
          if (n < CHUNK) {
            break;
          }
        }
      }
    }
    waiters.wake(queue, moved);
    return new RedriveReply(moved);
  }
}
