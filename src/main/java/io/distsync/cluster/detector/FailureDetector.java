package io.distsync.cluster.detector;

/**
 * Decides from probe outcomes whether a peer is suspected to be down.
 *
 * <p>Threading: implementations are thread-safe (the prober records outcomes on its callback
 * threads while readers ask for the verdict); no method blocks. Times are milliseconds on one
 * monotonic clock chosen by the caller.
 */
public interface FailureDetector {

  /** A probe of the peer was answered at {@code nowMs}: a heartbeat. */
  void heartbeat(long nowMs);

  /** A probe of the peer failed at {@code nowMs} (refused, timed out, or an error answer). */
  void failed(long nowMs);

  /**
   * The suspicion level at {@code nowMs}: φ for the accrual detector (0 while nothing is known); 0
   * or {@link Double#POSITIVE_INFINITY} for the fixed rule.
   */
  double phi(long nowMs);

  /** Whether the peer is suspected to be down at {@code nowMs}. */
  boolean suspected(long nowMs);
}
