package io.distsync.queue;

import io.distsync.cluster.NodeLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The background work of the queue partitions (reclaim deliveries whose visibility expired, release
 * due delayed messages, dead-letter exhausted ones), every {@code QUEUE_SWEEP_INTERVAL} ms, timed
 * by the managed scheduler and run on the queue executor ({@code concurrent/distsync-queue}), one
 * partition after the other so that it holds at most one thread.
 *
 * <p>Rule: the work of a pass is proportional to what is due, not to the queues that exist. Each
 * pass reads, per shard, the partitions whose entry in the due index ({@link PartitionKeys#DUE})
 * has come (by Redis's clock), at most {@link #DUE_PER_PASS}, and works on those this node owns on
 * the ring; the partition's script sets its next due time. A partition overdue by more than {@link
 * #GRACE_MS} is worked on by whichever node sees it, so a view of the ring that disagrees with the
 * others (a member just died) delays its work by at most that. Safe on two nodes at once: each step
 * is one atomic script.
 */
@ApplicationScoped
public class QueueSweeper {
  private static final NodeLog LOG = NodeLog.of(QueueSweeper.class);

  /** Items moved per script call; a partition with more stays due and comes again next pass. */
  static final int LIMIT = 500;

  /** Due partitions read per shard and pass. */
  static final int DUE_PER_PASS = 1000;

  /** How late a due partition may be before any node, owner or not, works on it. */
  static final long GRACE_MS = 5000;

  @Inject QueueSettings settings;
  @Inject PartitionRing ring;
  @Inject RedisShards shards;
  @Inject QueueMetrics metrics;
  @Inject QueueService queues;
  @Inject QueueRegistry registry;
  @Inject Waiters waiters;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  /** The pass itself runs here: it calls Redis, so never on the scheduler's few threads. */
  @Resource(lookup = "concurrent/distsync-queue")
  ManagedExecutorService work;

  private final QueueStore store = new QueueStore();
  private LegacyNames legacy;
  private ScheduledFuture<?> task;
  private volatile boolean redisFailing;
  private volatile int lastWorked;
  private final AtomicBoolean running = new AtomicBoolean();

  @PostConstruct
  void init() {
    legacy = new LegacyNames(store, shards.all());
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    long interval = settings.sweepIntervalMs();
    task =
        scheduler.scheduleWithFixedDelay(
            this::startPass, interval, interval, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** Partitions this node worked on in its last pass. */
  int lastWorked() {
    return lastWorked;
  }

  /** Starts a pass on the queue executor unless the last one still runs (one pass at a time). */
  private void startPass() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      work.execute(
          () -> {
            try {
              sweep();
            } finally {
              running.set(false);
            }
          });
    } catch (RejectedExecutionException e) {
      running.set(false);
    }
  }

  void sweep() {
    try {
      PartitionRing.Owners owners = ring.owners();
      int worked = 0;
      for (RedisShards.Shard shard : shards.all()) {
        if (legacy.pending()) {
          legacy.step(
              shard,
              settings.partitions(),
              settings.maxDeliveries(),
              (queue, p) -> ring.shardOf(queue, p).index() == shard.index());
        }
        worked += sweepShard(shard, owners);
      }
      lastWorked = worked;
      registry.count();
      metrics.refreshWatched(queues);
      if (redisFailing) {
        LOG.info("queue background work runs again: Redis answers");
        redisFailing = false;
      }
    } catch (RuntimeException e) {
      if (!redisFailing) {
        LOG.warn("queue background work paused: " + e.getMessage());
        redisFailing = true;
      }
    }
  }

  private int sweepShard(RedisShards.Shard shard, PartitionRing.Owners owners) {
    QueueStore.Due due = store.due(shard.client(), DUE_PER_PASS);
    int worked = 0;
    for (QueueStore.DueEntry e : due.entries()) {
      PartitionKeys.Named named = PartitionKeys.parse(e.prefix());
      if (named == null || named.partition() >= settings.partitions()) {
        // Not a partition of this configuration: drop it rather than read it every pass.
        shard.client().zrem(PartitionKeys.DUE, e.prefix());
        continue;
      }
      boolean overdue = due.now() - e.dueAt() > GRACE_MS;
      if (overdue || ring.ownedHere(owners, named.queue(), named.partition())) {
        work(shard, named);
        worked++;
      }
    }
    return worked;
  }

  private void work(RedisShards.Shard shard, PartitionKeys.Named named) {
    QueueStore.Consumed c =
        store.consume(
            shard.client(),
            PartitionKeys.of(named.queue(), named.partition()),
            0,
            1,
            settings.maxDeliveries(),
            "sweep",
            LIMIT,
            List.of());
    metrics.deadLettered(c.deadLettered());
    waiters.wake(named.queue(), c.released() + c.reclaimed());
  }
}
