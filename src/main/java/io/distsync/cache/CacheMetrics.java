package io.distsync.cache;

import io.distsync.cache.mesi.CacheListener;
import io.distsync.cache.mesi.CacheNode;
import io.distsync.cache.mesi.MesiState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The cache's MicroProfile Metrics, with the names agreed for the team (Prometheus adds {@code
 * _total} to counters): {@code cache_hits}, {@code cache_misses}, {@code cache_evictions}, {@code
 * cache_invalidations_sent}, {@code cache_invalidations_received}, {@code cache_write_backs},
 * {@code cache_transitions{from,to}} (counters), {@code cache_hit_ratio} and {@code
 * cache_lines{state}} (gauges). The listener it hands to the protocol holds the counters directly,
 * so a hit costs one counter increment and no lookup.
 */
@ApplicationScoped
public class CacheMetrics {
  private static final MesiState[] STATES = MesiState.values();

  @Inject MetricRegistry registry;

  /** Registers the gauges that read {@code node}'s figures. */
  void watch(CacheNode node) {
    registry.gauge("cache_hit_ratio", () -> node.stats().hitRatio());
    for (MesiState s :
        new MesiState[] {MesiState.MODIFIED, MesiState.EXCLUSIVE, MesiState.SHARED}) {
      registry.gauge("cache_lines", () -> node.stats().lines(s), new Tag("state", s.letter()));
    }
  }

  /** The counters, registered at once so that they show (at 0) before the first event. */
  CacheListener listener() {
    Counter hits = registry.counter("cache_hits");
    Counter misses = registry.counter("cache_misses");
    Counter evictions = registry.counter("cache_evictions");
    Counter sent = registry.counter("cache_invalidations_sent");
    Counter received = registry.counter("cache_invalidations_received");
    Counter writeBacks = registry.counter("cache_write_backs");
    Counter[][] transitions = new Counter[STATES.length][STATES.length];
    for (MesiState from : STATES) {
      for (MesiState to : STATES) {
        if (from != to) {
          transitions[from.ordinal()][to.ordinal()] =
              registry.counter(
                  "cache_transitions", new Tag("from", from.letter()), new Tag("to", to.letter()));
        }
      }
    }
    return new CacheListener() {
      @Override
      public void onHit() {
        hits.inc();
      }

      @Override
      public void onMiss() {
        misses.inc();
      }

      @Override
      public void onEviction() {
        evictions.inc();
      }

      @Override
      public void onInvalidationSent() {
        sent.inc();
      }

      @Override
      public void onInvalidationReceived() {
        received.inc();
      }

      @Override
      public void onWriteBack() {
        writeBacks.inc();
      }

      @Override
      public void onTransition(MesiState from, MesiState to) {
        transitions[from.ordinal()][to.ordinal()].inc();
      }
    };
  }
}
