package io.distsync.cluster.detector;

import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A deterministic simulation of the peer monitor's probes over one link, on a virtual clock: a
 * probe every {@code intervalMs}; its answer comes back after a round trip of {@code rttMs} plus
 * normal jitter, unless the probe is lost (probability {@code loss}), which the prober sees as a
 * failure when its read timeout ends. At {@code crashAtMs} the peer dies: from then on every probe
 * is refused at once. The detector's verdict is sampled every 10 ms.
 */
final class LinkSimulation {
  static final long STEP_MS = 10;

  /** What one detector did on one link. */
  record Outcome(int falseSuspicions, long suspectedMsWhileAlive, long detectionMs) {}

  private record Event(long at, boolean answered) {}

  private final long intervalMs;
  private final long timeoutMs;
  private final double rttMs;
  private final double jitterMs;
  private final double loss;
  private final long crashAtMs;

  LinkSimulation(
      long intervalMs, long timeoutMs, double rttMs, double jitterMs, double loss, long crashAtMs) {
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
    this.rttMs = rttMs;
    this.jitterMs = jitterMs;
    this.loss = loss;
    this.crashAtMs = crashAtMs;
  }

  /** Runs one detector over the link with the given seed, until 30 s after the crash. */
  Outcome run(Supplier<FailureDetector> make, long seed) {
    Random random = new Random(seed);
    FailureDetector d = make.get();
    PriorityQueue<Event> arrivals = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
    long end = crashAtMs + 30_000;
    long nextProbe = 0;
    boolean wasSuspected = true;
    boolean settled = false; // the first heartbeat has come: count from then on
    int falseSuspicions = 0;
    long suspectedAlive = 0;
    long detection = -1;
    for (long t = 0; t <= end; t += STEP_MS) {
      while (nextProbe <= t) {
        arrivals.add(probe(nextProbe, random));
        nextProbe += intervalMs;
      }
      while (!arrivals.isEmpty() && arrivals.peek().at() <= t) {
        Event e = arrivals.poll();
        if (e.answered()) {
          d.heartbeat(e.at());
          settled = true;
        } else {
          d.failed(e.at());
        }
      }
      boolean suspected = d.suspected(t);
      if (t < crashAtMs && settled) {
        if (suspected && !wasSuspected) {
          falseSuspicions++;
        }
        if (suspected) {
          suspectedAlive += STEP_MS;
        }
      } else if (t >= crashAtMs && suspected && detection < 0) {
        detection = t - crashAtMs;
      }
      wasSuspected = suspected;
    }
    return new Outcome(falseSuspicions, suspectedAlive, detection);
  }

  private Event probe(long sentAt, Random random) {
    double rtt = Math.max(0.1, rttMs + random.nextGaussian() * jitterMs);
    boolean lost = random.nextDouble() < loss;
    if (sentAt >= crashAtMs) {
      return new Event(sentAt + 1, false); // refused: the process is gone
    }
    long answerAt = sentAt + Math.round(rtt);
    if (lost || rtt > timeoutMs) {
      return new Event(sentAt + timeoutMs, false); // the prober gives up at its read timeout
    }
    if (answerAt >= crashAtMs) {
      return new Event(crashAtMs, false); // the connection is reset when the process dies
    }
    return new Event(answerAt, true);
  }

  /** Over many seeds: false suspicions and time suspected (sums), detection (mean and worst). */
  record Summary(
      long falseSuspicions, long suspectedMs, long detectionMeanMs, long detectionWorstMs) {}

  /** Runs {@code runs} seeds and sums the outcomes. */
  static Summary summary(LinkSimulation link, Supplier<FailureDetector> make, int runs) {
    long falseSuspicions = 0;
    long suspectedMs = 0;
    long detectionSum = 0;
    long detectionMax = 0;
    for (int seed = 1; seed <= runs; seed++) {
      Outcome o = link.run(make, seed);
      falseSuspicions += o.falseSuspicions();
      suspectedMs += o.suspectedMsWhileAlive();
      detectionSum += o.detectionMs();
      detectionMax = Math.max(detectionMax, o.detectionMs());
    }
    return new Summary(falseSuspicions, suspectedMs, detectionSum / runs, detectionMax);
  }
}
