package io.distsync.cache.mesi;

import io.distsync.cache.eviction.EvictionPolicy;

/**
 * A node's cache settings.
 *
 * @param capacity lines this node holds at most ({@code CACHE_CAPACITY})
 * @param policy eviction order ({@code CACHE_POLICY})
 * @param writeBack true for write-back (the writer holds MODIFIED), false for write-through
 * @param writeBackDelayMs longest time a MODIFIED line waits before it is written back
 * @param leaseMs how long a renewed lease lets this node serve from its cache ({@code CACHE_LEASE})
 * @param lockLeaseMs how long a per-key operation lock lives in Redis unless extended
 * @param requestTimeoutMs how long an operation waits for the per-key lock before giving up
 */
public record CacheOptions(
    int capacity,
    EvictionPolicy.Kind policy,
    boolean writeBack,
    long writeBackDelayMs,
    long leaseMs,
    long lockLeaseMs,
    long requestTimeoutMs) {

  /**
   * Local validity of a lease is cut short by this much, so that a node stops serving before its
   * lease key in Redis expires, whatever the delay of the renewal's reply.
   */
  public static final long LEASE_MARGIN_MS = 100;

  public CacheOptions {
    if (capacity < 1) {
      throw new IllegalArgumentException("CACHE_CAPACITY must be at least 1");
    }
    if (writeBackDelayMs < 1) {
      throw new IllegalArgumentException("CACHE_WRITE_BACK_DELAY must be at least 1 ms");
    }
    if (leaseMs < 4 * LEASE_MARGIN_MS) {
      throw new IllegalArgumentException("CACHE_LEASE must be at least " + 4 * LEASE_MARGIN_MS);
    }
    if (lockLeaseMs < 1 || requestTimeoutMs < 1) {
      throw new IllegalArgumentException("lock lease and request timeout must be positive");
    }
  }

  /**
   * Time to live of the lease key in Redis: the lease, plus the write-back delay (a line written
   * just before the lease ends is still written back before any other node may take it over), plus
   * a margin for that write to reach Redis.
   */
  public long leaseKeyTtlMs() {
    return leaseMs + writeBackDelayMs + LEASE_MARGIN_MS;
  }

  /** How long after sending a successful renewal this node may serve from its cache. */
  public long localLeaseMs() {
    return leaseMs - LEASE_MARGIN_MS;
  }
}
