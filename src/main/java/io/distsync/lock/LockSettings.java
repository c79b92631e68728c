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

  public long deadlockCheckIntervalMs() {
    return Math.max(100, deadlockCheckIntervalMs);
  }
}
