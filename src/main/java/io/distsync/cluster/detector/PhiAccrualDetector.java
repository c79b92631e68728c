package io.distsync.cluster.detector;

/**
 * The phi-accrual failure detector (Hayashibara, Défago, Yared and Katayama, 2004), as Akka and
 * Cassandra use it. It keeps the last {@code window} intervals between heartbeats and, at any
 * moment, how unlikely the silence since the last heartbeat is under a normal distribution of those
 * intervals: φ = -log10(P(an interval at least this long)). φ = 8 means a 1 in 10^8 chance that a
 * live peer is this late. A failed probe adds nothing: only silence raises φ, so a lossy or slow
 * link whose answers still come raises the mean and the spread instead of making suspicions.
 *
 * <p>Thread-safe: every method holds the detector's monitor for a few arithmetic operations.
 */
public final class PhiAccrualDetector implements FailureDetector {
  private final double threshold;
  private final long minStdDevMs;
  private final long acceptablePauseMs;
  private final long maxIntervalMs;
  private final long[] intervals;
  private int count;
  private int next;
  private double sum;
  private double sumOfSquares;
  private long lastHeartbeat = -1;

  /**
   * @param threshold φ at and above which the peer is suspected
   * @param window how many intervals are kept (the oldest goes out first)
   * @param minStdDevMs the smallest spread assumed, so that a very regular peer is not suspected
   *     for a few ms of jitter
   * @param acceptablePauseMs silence always tolerated on top of the mean (a GC pause)
   * @param firstIntervalMs the interval assumed before the first two heartbeats (the probe
   *     interval); intervals longer than five of it (plus the acceptable pause) are outages and are
   *     not learned
   */
  public PhiAccrualDetector(
      double threshold,
      int window,
      long minStdDevMs,
      long acceptablePauseMs,
      long firstIntervalMs) {
    if (threshold <= 0 || window < 2 || minStdDevMs <= 0 || acceptablePauseMs < 0) {
      throw new IllegalArgumentException("bad phi-accrual settings");
    }
    this.threshold = threshold;
    this.minStdDevMs = minStdDevMs;
    this.acceptablePauseMs = acceptablePauseMs;
    this.intervals = new long[window];
    this.maxIntervalMs = 5 * firstIntervalMs + acceptablePauseMs;
    // Seed the history as Akka does: the expected interval with a wide spread, so the first
    // seconds neither suspect at once nor wait forever.
    add(firstIntervalMs - firstIntervalMs / 4);
    add(firstIntervalMs + firstIntervalMs / 4);
  }

  @Override
  public synchronized void heartbeat(long nowMs) {
    // A silence of more than five expected beats was an outage (a crash, a cut), not a sample of
    // the peer's beat: kept, one such gap would widen the spread for the next hundred beats and
    // slow the detection of the next crash. Cassandra drops intervals above a bound likewise.
    // Shorter late beats are learned: a slower or lossy link widens the distribution.
    if (lastHeartbeat >= 0 && nowMs > lastHeartbeat && nowMs - lastHeartbeat <= maxIntervalMs) {
      add(nowMs - lastHeartbeat);
    }
    lastHeartbeat = Math.max(lastHeartbeat, nowMs);
  }

  @Override
  public void failed(long nowMs) {
    // Silence alone raises φ.
  }

  @Override
  public synchronized double phi(long nowMs) {
    if (lastHeartbeat < 0) {
      return 0; // never heard: see suspected()
    }
    double mean = sum / count + acceptablePauseMs;
    double variance = Math.max(0, sumOfSquares / count - (sum / count) * (sum / count));
    double stdDev = Math.max(Math.sqrt(variance), minStdDevMs);
    return phi(nowMs - lastHeartbeat, mean, stdDev);
  }

  @Override
  public synchronized boolean suspected(long nowMs) {
    return lastHeartbeat < 0 || phi(nowMs) >= threshold;
  }

  /** The number of intervals in the window. */
  public synchronized int samples() {
    return count;
  }

  /**
   * φ of a silence of {@code elapsed} ms, with the logistic approximation of the normal CDF that
   * Akka uses (error below 1.4e-4 over the whole range): no erf needed, no overflow for long
   * silences.
   */
  static double phi(double elapsed, double mean, double stdDev) {
    double y = (elapsed - mean) / stdDev;
    double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
    if (elapsed > mean) {
      return -Math.log10(e / (1.0 + e));
    }
    return -Math.log10(1.0 - 1.0 / (1.0 + e));
  }

  private void add(long interval) {
    if (count == intervals.length) {
      long old = intervals[next];
      sum -= old;
      sumOfSquares -= (double) old * old;
    } else {
      count++;
    }
    intervals[next] = interval;
    next = (next + 1) % intervals.length;
    sum += interval;
    sumOfSquares += (double) interval * interval;
  }
}
