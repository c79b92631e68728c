package io.distsync.cluster.detector;

/**
 * The rule before φ: a peer is down exactly when its last probe failed, and up again on the next
 * answer. Fast on a clean crash (one refused probe), but every lost or late probe is a false
 * suspicion.
 */
public final class FixedIntervalDetector implements FailureDetector {
  private volatile boolean lastFailed = true; // nothing heard yet
  private volatile boolean heard;

  @Override
  public void heartbeat(long nowMs) {
    heard = true;
    lastFailed = false;
  }

  @Override
  public void failed(long nowMs) {
    lastFailed = true;
  }

  @Override
  public double phi(long nowMs) {
    return lastFailed ? Double.POSITIVE_INFINITY : 0;
  }

  @Override
  public boolean suspected(long nowMs) {
    return !heard || lastFailed;
  }
}
