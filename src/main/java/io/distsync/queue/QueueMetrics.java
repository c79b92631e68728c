package io.distsync.queue;

import io.distsync.cluster.NodeLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Queue figures as MicroProfile Metrics (names agreed in metrics-names.md). Rule: no label comes
 * from a user-chosen name, except the queues an operator lists in {@code QUEUE_METRICS_FOR} (at
 * most {@link QueueSettings#MAX_WATCHED}). So {@code /metrics} has the same series with ten queues
 * or ten thousand.
 *
 * <ul>
 *   <li>counters {@code queue_produced}, {@code queue_delivered}, {@code queue_redelivered}, {@code
 *       queue_acked}, {@code queue_dead_lettered}: what this node did, over all queues;
 *   <li>the timer {@code queue_end_to_end_latency}: produce (Redis's clock) to ack, over all
 *       queues;
 *   <li>gauges {@code queue_depth} (ready + delayed) and {@code queue_in_flight}, tagged {@code
 *       queue}, only for the watched queues, as the last background pass read them from Redis.
 * </ul>
 *
 * Per-queue figures of any queue come from {@code GET /queues/{queue}}, computed from Redis. The
 * handles are looked up once, not on every update.
 */
@ApplicationScoped
public class QueueMetrics {
  private static final NodeLog LOG = NodeLog.of(QueueMetrics.class);

  @Inject MetricRegistry registry;
  @Inject QueueSettings settings;

  private Counter produced;
  private Counter delivered;
  private Counter redelivered;
  private Counter acked;
  private Counter deadLettered;
  private Timer endToEnd;

  /** The watched queues' last figures; its keys are fixed at start. */
  private final Map<String, AtomicLongArray> watched = new ConcurrentHashMap<>();

  @PostConstruct
  void register() {
    produced = registry.counter("queue_produced");
    delivered = registry.counter("queue_delivered");
    redelivered = registry.counter("queue_redelivered");
    acked = registry.counter("queue_acked");
    deadLettered = registry.counter("queue_dead_lettered");
    endToEnd = registry.timer("queue_end_to_end_latency");
    List<String> names = settings.watchedQueues();
    for (String queue : names) {
      AtomicLongArray figures = new AtomicLongArray(2);
      watched.put(queue, figures);
      Tag tag = new Tag("queue", queue);
      registry.gauge("queue_depth", () -> figures.get(0), tag);
      registry.gauge("queue_in_flight", () -> figures.get(1), tag);
    }
    if (!names.isEmpty()) {
      LOG.info("queue gauges kept for " + names);
    }
  }

  void produced(int n) {
    if (n > 0) {
      produced.inc(n);
    }
  }

  void delivered(int n, int redeliveredCount) {
    if (n > 0) {
      delivered.inc(n);
    }
    if (redeliveredCount > 0) {
      redelivered.inc(redeliveredCount);
    }
  }

  void deadLettered(int n) {
    if (n > 0) {
      deadLettered.inc(n);
    }
  }

  void acked(Iterable<Long> producedAt, long now) {
    for (long t : producedAt) {
      acked.inc();
      if (t > 0) {
        endToEnd.update(Duration.ofMillis(Math.max(0, now - t)));
      }
    }
  }

  /** Reads the watched queues' figures from Redis (a few calls per pass, at most the cap's). */
  void refreshWatched(QueueService queues) {
    watched.forEach(
        (queue, figures) -> {
          var s = queues.figures(queue);
          figures.set(0, s.ready() + s.delayed());
          figures.set(1, s.inFlight());
        });
  }
}
