package io.distsync.faulttolerance;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The longest time each primitive went without one answered operation, over all its clients: its
 * longest unavailability as the clients saw it. An answer is any decision of the service (a grant,
 * a conflict, a produce, a read); a 503, an error or silence is not one.
 */
final class Availability {
  static final String LOCKS = "locks";
  static final String QUEUE = "queue";
  static final String CACHE = "cache";

  private final long startNanos = System.nanoTime();
  private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> longest = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> longestEndedAt = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> count = new ConcurrentHashMap<>();

  /** One answered operation of {@code primitive}, now. */
  void ok(String primitive) {
    long now = System.nanoTime();
    count.computeIfAbsent(primitive, p -> new AtomicLong()).incrementAndGet();
    long before =
        last.computeIfAbsent(primitive, p -> new AtomicLong(startNanos))
            .getAndAccumulate(now, Math::max);
    long gap = now - before;
    AtomicLong max = longest.computeIfAbsent(primitive, p -> new AtomicLong());
    if (gap > max.get()) {
      synchronized (max) {
        if (gap > max.get()) {
          max.set(gap);
          longestEndedAt.computeIfAbsent(primitive, p -> new AtomicLong()).set(now - startNanos);
        }
      }
    }
  }

  /** Per primitive: operations answered, and the longest gap in ms with when it ended. */
  Map<String, String> summary() {
    Map<String, String> out = new TreeMap<>();
    for (String p : count.keySet()) {
      out.put(
          p,
          String.format(
              "%d answered, longest gap %d ms (ended at +%.1f s)",
              count.get(p).get(),
              longestMs(p),
              longestEndedAt.getOrDefault(p, new AtomicLong()).get() / 1e9));
    }
    return out;
  }

  long longestMs(String primitive) {
    return longest.getOrDefault(primitive, new AtomicLong()).get() / 1_000_000;
  }

  long answered(String primitive) {
    AtomicLong c = count.get(primitive);
    return c == null ? 0 : c.get();
  }
}
