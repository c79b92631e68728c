package io.distsync.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * One thread's hold of one lock: the server's grant (owner, token, how many holds the server
 * counts) and the thread's local re-entries. Counts are touched by the owning thread only; what the
 * watchdog reads or writes is volatile.
 */
final class Hold {
  final String owner;
  final Duration ttl;
  volatile long token;
  volatile long leaseEndNanos;
  volatile boolean lost;
  volatile boolean released;
  int reads;
  int writes;
  int serverHolds;
  ScheduledFuture<?> renewTask;
  ScheduledFuture<?> expiryTask;

  Hold(String owner, Duration ttl) {
    this.owner = owner;
    this.ttl = ttl;
  }

  int count() {
    return reads + writes;
  }

  synchronized void cancelTimers() {
    if (renewTask != null) {
      renewTask.cancel(false);
    }
    if (expiryTask != null) {
      expiryTask.cancel(false);
    }
  }
}
