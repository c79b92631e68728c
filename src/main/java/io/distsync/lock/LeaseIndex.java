package io.distsync.lock;

import java.util.Comparator;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Leases and wait deadlines ordered by time, so that the leader's {@link LeaseExpiryTask} finds
 * what is due without scanning the table. Written by the lock table on the Raft executor; read from
 * the task's thread (the sets are concurrent; a slightly stale view only delays a proposal).
 */
final class LeaseIndex {

  /** A holder's lease. */
  record Lease(long expiresAt, String resource, String owner, long token) {}

  /** A waiter's deadline. */
  record Deadline(long at, String requestId) {}

  private final NavigableSet<Lease> leases =
      new ConcurrentSkipListSet<>(
          Comparator.comparingLong(Lease::expiresAt)
              .thenComparing(Lease::resource)
              .thenComparing(Lease::owner)
              .thenComparingLong(Lease::token));

  private final NavigableSet<Deadline> deadlines =
      new ConcurrentSkipListSet<>(
          Comparator.comparingLong(Deadline::at).thenComparing(Deadline::requestId));

  void add(Lease lease) {
    leases.add(lease);
  }

  void remove(Lease lease) {
    leases.remove(lease);
  }

  void add(Deadline deadline) {
    deadlines.add(deadline);
  }

  void remove(Deadline deadline) {
    deadlines.remove(deadline);
  }

  void clear() {
    leases.clear();
    deadlines.clear();
  }

  /** Leases whose deadline is at or before {@code now}, earliest first. */
  Iterable<Lease> leasesDue(long now) {
    return leases.headSet(new Lease(now, "\uffff", "\uffff", Long.MAX_VALUE), true);
  }

  /** Wait deadlines at or before {@code now}, earliest first. */
  Iterable<Deadline> deadlinesDue(long now) {
    return deadlines.headSet(new Deadline(now, "\uffff"), true);
  }
}
