package io.distsync.cache.mesi;

import java.util.concurrent.CompletableFuture;

/** Time for the protocol: wall time (value expiry), a monotonic clock (leases) and delays. */
public interface CacheClock {

  /** Epoch milliseconds. */
  long wallMillis();

  /** Milliseconds of a clock that never goes back. */
  long monoMillis();

  /**
   * Completes after {@code ms} milliseconds, on some thread; never blocks the caller. Cancelling
   * the future may drop the pending task.
   */
  CompletableFuture<Void> delay(long ms);
}
