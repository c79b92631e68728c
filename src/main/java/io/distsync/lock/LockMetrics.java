package io.distsync.lock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Lock figures as MicroProfile Metrics: acquire latency by mode, grants by mode, conflicts, waits
 * and wait time, expiries, deadlocks refused, cycles found by the scan, locks held and waiters.
 * Counters count what this node answered (expiries: what it applied while leading), so summing over
 * the nodes gives the cluster's totals.
 */
@ApplicationScoped
public class LockMetrics {

  @Inject MetricRegistry registry;

  void watch(LockTable table) {
    registry.gauge("lock_held", table::holderCount);
    registry.gauge("lock_waiters", table::waiterCount);
    for (LockMode mode : LockMode.values()) {
      registry.counter("lock_grants", tag(mode));
      registry.timer("lock_acquire_latency", tag(mode));
    }
    registry.counter("lock_conflicts");
    registry.counter("lock_waits");
    registry.timer("lock_wait_time");
    registry.counter("lock_expiries");
    registry.counter("lock_deadlocks_refused");
    registry.counter("lock_deadlock_cycles_found");
  }

  private static Tag tag(LockMode mode) {
    return new Tag("mode", mode.wire());
  }

  void acquired(LockMode mode, long startNanos, boolean granted) {
    registry
        .timer("lock_acquire_latency", tag(mode))
        .update(Duration.ofNanos(System.nanoTime() - startNanos));
    if (granted) {
      registry.counter("lock_grants", tag(mode)).inc();
    }
  }

  void conflict() {
    registry.counter("lock_conflicts").inc();
  }

  void waitStarted() {
    registry.counter("lock_waits").inc();
  }

  void waited(long startNanos) {
    registry.timer("lock_wait_time").update(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  void expired() {
    registry.counter("lock_expiries").inc();
  }

  void deadlockRefused() {
    registry.counter("lock_deadlocks_refused").inc();
  }

  void cyclesFound(int n) {
    registry.counter("lock_deadlock_cycles_found").inc(n);
  }
}
