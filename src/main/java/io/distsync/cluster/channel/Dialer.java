package io.distsync.cluster.channel;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This node's connection to one peer: at most one open at a time, at most one dial in progress, and
 * after a failure or a close the next dial waits a backoff that doubles up to {@link
 * #MAX_BACKOFF_MS} with full jitter, so that peers healing from a partition do not all dial at the
 * same instant.
 */
final class Dialer {
  static final long MIN_BACKOFF_MS = 25;
  static final long MAX_BACKOFF_MS = 1000;

  final String peerId;
  private final AtomicBoolean dialling = new AtomicBoolean();
  private volatile Link link;
  private volatile long nextAttemptNanos = System.nanoTime(); // nanoTime may be negative
  private volatile long backoffMs = MIN_BACKOFF_MS;
  private volatile boolean failing;
  private volatile long lastPingNanos = System.nanoTime();

  Dialer(String peerId) {
    this.peerId = peerId;
  }

  /** The open connection, or null. */
  Link link() {
    Link l = link;
    return l == null || l.isClosed() ? null : l;
  }

  /**
   * True when a dial may start now; the caller then must call {@link #opened} or {@link #failed}.
   */
  boolean startDial() {
    return System.nanoTime() - nextAttemptNanos >= 0 && dialling.compareAndSet(false, true);
  }

  void opened(Link l) {
    link = l;
    backoffMs = MIN_BACKOFF_MS;
    failing = false;
    dialling.set(false);
  }

  /** A dial failed; returns true when it is the first failure since the last success. */
  boolean failed() {
    waitBeforeNextDial();
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    dialling.set(false);
    boolean first = !failing;
    failing = true;
    return first;
  }

  /** The connection closed: dial again after a (jittered) backoff. */
  void closed(Link l) {
    if (link == l) {
      link = null;
      waitBeforeNextDial();
    }
  }

  boolean dialling() {
    return dialling.get();
  }

  long lastPingNanos() {
    return lastPingNanos;
  }

  void pinged(long nowNanos) {
    lastPingNanos = nowNanos;
  }

  private void waitBeforeNextDial() {
    long wait = ThreadLocalRandom.current().nextLong(backoffMs / 2, backoffMs + 1);
    nextAttemptNanos = System.nanoTime() + wait * 1_000_000L;
  }
}
