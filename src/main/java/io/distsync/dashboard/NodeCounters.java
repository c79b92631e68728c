package io.distsync.dashboard;

import io.distsync.dashboard.model.Counters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Reads this node's own counters from the metric registry the features already fill, so the
 * dashboard adds no work to the lock, queue or cache paths.
 */
@ApplicationScoped
public class NodeCounters {
  private static final String[] LOCK_MODES = {"shared", "exclusive"};

  @Inject MetricRegistry registry;

  /** The counters now; a metric not registered yet counts 0. */
  public Counters read() {
    long grants = 0;
    long acquires = 0;
    long acquireNanos = 0;
    for (String mode : LOCK_MODES) {
      Tag tag = new Tag("mode", mode);
      grants += count(registry.getCounter(new MetricID("lock_grants", tag)));
      Timer t = registry.getTimer(new MetricID("lock_acquire_latency", tag));
      if (t != null) {
        acquires += t.getCount();
        acquireNanos += t.getElapsedTime().toNanos();
      }
    }
    Timer endToEnd = registry.getTimer(new MetricID("queue_end_to_end_latency"));
    return new Counters(
        grants,
        acquires,
        acquireNanos,
        count("queue_produced"),
        count("queue_delivered"),
        count("queue_acked"),
        endToEnd == null ? 0 : endToEnd.getCount(),
        endToEnd == null ? 0 : endToEnd.getElapsedTime().toNanos(),
        count("cache_hits"),
        count("cache_misses"));
  }

  private long count(String name) {
    return count(registry.getCounter(new MetricID(name)));
  }

  private static long count(Counter c) {
    return c == null ? 0 : c.getCount();
  }
}
