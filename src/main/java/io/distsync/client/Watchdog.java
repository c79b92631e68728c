package io.distsync.client;

import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a held lock's lease alive: renews it every third of its length on the client's scheduler,
 * and marks it lost when a renewal answers {@code NOT_HELD}/{@code STALE_TOKEN} or when the lease's
 * end (measured from the sending of the last successful grant or renewal, so never later than the
 * server's) passes without a successful renewal.
 */
final class Watchdog {
  private final LockState lock;
  private final ScheduledExecutorService scheduler;

  Watchdog(LockState lock, ScheduledExecutorService scheduler) {
    this.lock = lock;
    this.scheduler = scheduler;
  }

  /** Starts watching {@code h}, granted by a request sent at {@code sentNanos}. */
  void start(Hold h, long sentNanos) {
    long period = Math.max(1, h.ttl.toMillis() / 3);
    synchronized (h) {
      h.leaseEndNanos = sentNanos + h.ttl.toNanos();
      h.renewTask =
          scheduler.scheduleWithFixedDelay(() -> renew(h), period, period, TimeUnit.MILLISECONDS);
      scheduleExpiry(h);
    }
  }

  private void scheduleExpiry(Hold h) {
    if (h.expiryTask != null) {
      h.expiryTask.cancel(false);
    }
    long delay = h.leaseEndNanos - System.nanoTime();
    h.expiryTask = scheduler.schedule(() -> checkExpiry(h), delay, TimeUnit.NANOSECONDS);
  }

  private void checkExpiry(Hold h) {
    if (!h.released && !h.lost && System.nanoTime() >= h.leaseEndNanos) {
      lock.lose(h, "LEASE_EXPIRED");
    }
  }

  private void renew(Hold h) {
    if (h.released || h.lost) {
      return;
    }
    long left = h.leaseEndNanos - System.nanoTime();
    if (left <= 0) {
      lock.lose(h, "LEASE_EXPIRED");
      return;
    }
    var body = Json.object();
    body.put("resource", lock.resource());
    body.put("owner", h.owner);
    body.put("ttlMs", h.ttl.toMillis());
    body.put("requestId", UUID.randomUUID().toString());
    long sent = System.nanoTime();
    Transport t = lock.transport();
    try {
      java.time.Duration deadline = java.time.Duration.ofNanos(left);
      if (deadline.compareTo(t.deadline()) > 0) {
        deadline = t.deadline();
      }
      t.call("POST", "/locks/renew", body, java.time.Duration.ZERO, deadline);
      synchronized (h) {
        if (!h.released && !h.lost) {
          h.leaseEndNanos = sent + h.ttl.toNanos();
          scheduleExpiry(h);
        }
      }
    } catch (NotHeldException e) {
      lock.lose(h, e.code());
    } catch (DistSyncException e) {
      checkExpiry(h);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the scheduler is shutting down
    }
  }
}
