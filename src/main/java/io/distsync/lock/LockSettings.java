package io.distsync.lock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Lock manager settings from MicroProfile Config. */
@ApplicationScoped
public class LockSettings {
  static final long DEFAULT_TTL_MS = 30_000;
  static final long MIN_TTL_MS = 100;
  static final long MAX_TTL_MS = 3_600_000;
  static final long MAX_WAIT_MS = 60_000;

  /** How often the leader looks for leases and waits that ran out. */
  static final long EXPIRY_SCAN_MS = 50;

  @Inject
  @ConfigProperty(name = "DEADLOCK_CHECK_INTERVAL", defaultValue = "5000")
  long deadlockCheckIntervalMs;

  @Inject
  @ConfigProperty(name = "LOCK_MAX_WAITERS", defaultValue = "1000")
  int maxWaiters;

  @Inject
  @ConfigProperty(name = "LOCK_MAX_HELD_PER_OWNER", defaultValue = "10000")
  int maxHeldPerOwner;

  @Inject
  @ConfigProperty(name = "LOCK_REQUEST_MEMORY", defaultValue = "50000")
  int requestMemory;

  public long deadlockCheckIntervalMs() {
    return Math.max(100, deadlockCheckIntervalMs);
  }

  /** The most waiters in one lock's line (at least 1). */
  public int maxWaiters() {
    return Math.max(1, maxWaiters);
  }

  /**
   * The most answers to client request ids the lock table remembers (0: none; see {@code
   * RecentRequests}).
   */
  public int requestMemory() {
    return Math.max(0, requestMemory);
  }

  /** The most locks one owner may hold or wait for at once (at least 1). */
  public int maxHeldPerOwner() {
    return Math.max(1, maxHeldPerOwner);
  }
}
