package io.distsync.lock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Lock figures as MicroProfile Metrics: acquire latency by mode, grants by mode, conflicts, waits
 * and wait time, expiries, deadlocks refused, cycles found by the scan, locks held and waiters.
 * Counters count what this node answered (expiries: what it applied while leading), so summing over
 * the nodes gives the cluster's totals.
 */
@ApplicationScoped
public class LockMetrics {

  @Inject MetricRegistry registry;

  /** Handles looked up once: a registry look-up per update costs more than the update itself. */
  private volatile Map<LockMode, Counter> grants = Map.of();

  private volatile Map<LockMode, Timer> latency = Map.of();
  private volatile Counter conflicts;
  private volatile Counter waits;
  private volatile Timer waitTime;
  private volatile Counter expiries;
  private volatile Counter deadlocksRefused;
  private volatile Counter cyclesFound;

  void watch(LockTable table) {
    registry.gauge("lock_held", table::holderCount);
    registry.gauge("lock_waiters", table::waiterCount);
    Map<LockMode, Counter> g = new EnumMap<>(LockMode.class);
    Map<LockMode, Timer> l = new EnumMap<>(LockMode.class);
    for (LockMode mode : LockMode.values()) {
      g.put(mode, registry.counter("lock_grants", tag(mode)));
      l.put(mode, registry.timer("lock_acquire_latency", tag(mode)));
    }
    grants = g;
    latency = l;
    conflicts = registry.counter("lock_conflicts");
    waits = registry.counter("lock_waits");
    waitTime = registry.timer("lock_wait_time");
    expiries = registry.counter("lock_expiries");
    deadlocksRefused = registry.counter("lock_deadlocks_refused");
    cyclesFound = registry.counter("lock_deadlock_cycles_found");
  }

  private static Tag tag(LockMode mode) {
    return new Tag("mode", mode.wire());
  }

  void acquired(LockMode mode, long startNanos, boolean granted) {
    Timer t = latency.get(mode);
    if (t == null) {
      return; // not watching yet
    }
    t.update(Duration.ofNanos(System.nanoTime() - startNanos));
    if (granted) {
      grants.get(mode).inc();
    }
  }

  void conflict() {
    inc(conflicts, 1);
  }

  void waitStarted() {
    inc(waits, 1);
  }

  void waited(long startNanos) {
    Timer t = waitTime;
    if (t != null) {
      t.update(Duration.ofNanos(System.nanoTime() - startNanos));
    }
  }

  void expired() {
    inc(expiries, 1);
  }

  void deadlockRefused() {
    inc(deadlocksRefused, 1);
  }

  void cyclesFound(int n) {
    inc(cyclesFound, n);
  }

  private static void inc(Counter c, long n) {
    if (c != null) {
      c.inc(n);
    }
  }
}
