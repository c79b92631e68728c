package io.distsync.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Queue figures as MicroProfile Metrics, tagged with the queue (names agreed in metrics-names.md):
 * counters {@code queue_produced}, {@code queue_delivered}, {@code queue_redelivered}, {@code
 * queue_acked}, {@code queue_dead_lettered} count what this node did; gauges {@code queue_depth}
 * (ready + delayed) and {@code queue_in_flight} show the whole queue as the last background pass
 * read it; the timer {@code queue_end_to_end_latency} runs from produce (Redis's clock) to ack.
 */
@ApplicationScoped
public class QueueMetrics {
  @Inject MetricRegistry registry;

  private final Map<String, PerQueue> queues = new ConcurrentHashMap<>();

  /** One queue's metric handles, looked up once. */
  static final class PerQueue {
    Counter produced;
    Counter delivered;
    Counter redelivered;
    Counter acked;
    Counter deadLettered;
    Timer endToEnd;
    volatile long depth;
    volatile long inFlight;
  }

  PerQueue of(String queue) {
    PerQueue q = queues.get(queue);
    return q != null ? q : queues.computeIfAbsent(queue, this::register);
  }

  private PerQueue register(String queue) {
    Tag tag = new Tag("queue", queue);
    PerQueue q = new PerQueue();
    q.produced = registry.counter("queue_produced", tag);
    q.delivered = registry.counter("queue_delivered", tag);
    q.redelivered = registry.counter("queue_redelivered", tag);
    q.acked = registry.counter("queue_acked", tag);
    q.deadLettered = registry.counter("queue_dead_lettered", tag);
    q.endToEnd = registry.timer("queue_end_to_end_latency", tag);
    registry.gauge("queue_depth", () -> q.depth, tag);
    registry.gauge("queue_in_flight", () -> q.inFlight, tag);
    return q;
  }

  void produced(String queue, int n) {
    if (n > 0) {
      of(queue).produced.inc(n);
    }
  }

  void delivered(String queue, int n, int redelivered) {
    PerQueue q = of(queue);
    if (n > 0) {
      q.delivered.inc(n);
    }
    if (redelivered > 0) {
      q.redelivered.inc(redelivered);
    }
  }

  void deadLettered(String queue, int n) {
    if (n > 0) {
      of(queue).deadLettered.inc(n);
    }
  }

  void acked(String queue, Iterable<Long> producedAt, long now) {
    PerQueue q = of(queue);
    for (long t : producedAt) {
      q.acked.inc();
      if (t > 0) {
        q.endToEnd.update(Duration.ofMillis(Math.max(0, now - t)));
      }
    }
  }

  void figures(String queue, long depth, long inFlight) {
    PerQueue q = of(queue);
    q.depth = depth;
    q.inFlight = inFlight;
  }
}
