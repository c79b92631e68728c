package io.distsync.cache.mesi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A node's cache counters ({@code GET /cache/state}), forwarded to a {@link CacheListener}
 * (metrics). Lines per state are counted as transitions happen, so reading them costs nothing.
 */
public final class CacheStats {
  private static final MesiState[] STATES = MesiState.values();

  private final CacheListener listener;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder invalidationsSent = new LongAdder();
  private final LongAdder invalidationsReceived = new LongAdder();
  private final LongAdder writeBacks = new LongAdder();
  private final LongAdder[][] transitions = new LongAdder[STATES.length][STATES.length];
  private final LongAdder[] lines = new LongAdder[STATES.length];

  public CacheStats(CacheListener listener) {
    this.listener = listener;
    for (int i = 0; i < STATES.length; i++) {
      lines[i] = new LongAdder();
      for (int j = 0; j < STATES.length; j++) {
        transitions[i][j] = new LongAdder();
      }
    }
  }

  void hit() {
    hits.increment();
    listener.onHit();
  }

  void miss() {
    misses.increment();
    listener.onMiss();
  }

  void eviction() {
    evictions.increment();
    listener.onEviction();
  }

  void invalidationSent() {
    invalidationsSent.increment();
    listener.onInvalidationSent();
  }

  void invalidationReceived() {
    invalidationsReceived.increment();
    listener.onInvalidationReceived();
  }

  void writeBack() {
    writeBacks.increment();
    listener.onWriteBack();
  }

  /** A line went from one state to another (INVALID standing for no line); same state: nothing. */
  void transition(MesiState from, MesiState to) {
    if (from == to) {
      return;
    }
    transitions[from.ordinal()][to.ordinal()].increment();
    if (from != MesiState.INVALID) {
      lines[from.ordinal()].decrement();
    }
    if (to != MesiState.INVALID) {
      lines[to.ordinal()].increment();
    }
    listener.onTransition(from, to);
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Hits over lookups; 0 before the first lookup. */
  public double hitRatio() {
    long h = hits.sum();
    long total = h + misses.sum();
    return total == 0 ? 0.0 : (double) h / total;
  }

  public long evictions() {
    return evictions.sum();
  }

  public long invalidationsSent() {
    return invalidationsSent.sum();
  }

  public long invalidationsReceived() {
    return invalidationsReceived.sum();
  }

  public long writeBacks() {
    return writeBacks.sum();
  }

  public long lines(MesiState state) {
    return lines[state.ordinal()].sum();
  }

  public long transitions(MesiState from, MesiState to) {
    return transitions[from.ordinal()][to.ordinal()].sum();
  }

  /** Every transition seen so far, as {@code "I->E": n}, in a stable order. */
  public Map<String, Long> transitions() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (MesiState from : STATES) {
      for (MesiState to : STATES) {
        long n = transitions[from.ordinal()][to.ordinal()].sum();
        if (n > 0) {
          out.put(from.letter() + "->" + to.letter(), n);
        }
      }
    }
    return out;
  }
}
