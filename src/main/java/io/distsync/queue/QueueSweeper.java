package io.distsync.queue;

import io.distsync.cluster.NodeLog;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The background work of the partitions this node owns on the ring (issue 6: reclaim deliveries
 * whose visibility expired, release due delayed messages, dead-letter exhausted ones), every {@code
 * QUEUE_SWEEP_INTERVAL} ms, timed by the managed scheduler and run on the queue executor ({@code
 * concurrent/distsync-queue}), one partition after the other so it holds at most one thread. It
 * also reads every known queue's figures for the gauges. Safe to run on two nodes at once during a
 * membership change: each pass is one atomic script.
 */
@ApplicationScoped
public class QueueSweeper {
  private static final NodeLog LOG = NodeLog.of(QueueSweeper.class);

  /** Items moved per script call; a partition with more is worked on again at once. */
  static final int LIMIT = 500;

  /** Calls per partition and pass, so one busy partition cannot hold the thread. */
  static final int MAX_CALLS = 20;

  @Inject QueueSettings settings;
  @Inject PartitionRing ring;
  @Inject QueueRegistry registry;
  @Inject QueueMetrics metrics;
  @Inject QueueService queues;
  @Inject Waiters waiters;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  /** The pass itself runs here: it calls Redis, so never on the scheduler's few threads. */
  @Resource(lookup = "concurrent/distsync-queue")
  ManagedExecutorService work;

  private final QueueStore store = new QueueStore();
  private ScheduledFuture<?> task;
  private volatile Set<String> owned = Set.of();
  private volatile boolean redisFailing;
  private final java.util.concurrent.atomic.AtomicBoolean running =
      new java.util.concurrent.atomic.AtomicBoolean();

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

  /** The partitions ({@code queue/partition}) this node owned at the last pass. */
  Set<String> owned() {
    return owned;
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
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running.set(false);
    }
  }

  void sweep() {
    try {
      registry.refresh();
      PartitionRing.Owners owners = ring.owners();
      Set<String> mine = new TreeSet<>();
      for (String queue : registry.known()) {
        for (int p = 0; p < settings.partitions(); p++) {
          if (ring.ownedHere(owners, queue, p)) {
            mine.add(queue + "/" + p);
            work(queue, p);
          }
        }
        gauges(queue);
      }
      noteOwnership(mine);
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

  private void work(String queue, int p) {
    RedisShards.Shard shard = ring.shardOf(queue, p);
    PartitionKeys keys = PartitionKeys.of(queue, p);
    for (int call = 0; call < MAX_CALLS; call++) {
      QueueStore.Consumed c =
          store.consume(shard.client(), keys, 0, 1, settings.maxDeliveries(), "sweep", LIMIT);
      metrics.deadLettered(queue, c.deadLettered());
      int ready = c.released() + c.reclaimed();
      waiters.wake(queue, ready);
      if (c.released() < LIMIT && c.reclaimed() + c.deadLettered() < LIMIT) {
        return;
      }
    }
  }

  private void gauges(String queue) {
    var s = queues.figures(queue);
    metrics.figures(queue, s.ready() + s.delayed(), s.inFlight());
  }

  private void noteOwnership(Set<String> mine) {
    Set<String> before = owned;
    if (!mine.equals(before)) {
      Set<String> gained = new TreeSet<>(mine);
      gained.removeAll(before);
      Set<String> lost = new TreeSet<>(before);
      lost.removeAll(mine);
      LOG.info(
          "queue partitions owned here: "
              + mine.size()
              + (gained.isEmpty() ? "" : ", gained " + first(gained))
              + (lost.isEmpty() ? "" : ", handed over " + first(lost)));
      owned = Set.copyOf(mine);
    }
  }

  private static String first(Set<String> names) {
    return names.size() <= 20
        ? names.toString()
        : names.stream().limit(20).toList() + " and " + (names.size() - 20) + " more";
  }
}
