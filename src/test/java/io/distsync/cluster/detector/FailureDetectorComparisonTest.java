package io.distsync.cluster.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Phi-accrual against the fixed rule (down when the last probe failed) on simulated links: the same
 * probe outcomes, 20 seeds of ten minutes each, with the node's defaults (a probe every 500 ms,
 * read timeout 2 s, φ threshold 8, window 100, spread at least 100 ms). Counts false suspicions
 * before the crash and measures detection after it.
 */
class FailureDetectorComparisonTest {
  private static final Logger LOG = Logger.getLogger(FailureDetectorComparisonTest.class.getName());
  private static final long INTERVAL = 500;
  private static final long TIMEOUT = 2000;
  private static final long CRASH_AT = 600_000;
  private static final int RUNS = 20;
  private static final Supplier<FailureDetector> PHI =
      () -> new PhiAccrualDetector(8, 100, 100, 0, INTERVAL);
  private static final Supplier<FailureDetector> FIXED = FixedIntervalDetector::new;

  private static LinkSimulation.Summary run(
      String name, LinkSimulation link, Supplier<FailureDetector> d) {
    LinkSimulation.Summary s = LinkSimulation.summary(link, d, RUNS);
    LOG.info(
        String.format(
            "[detectors] %-28s false suspicions %5d in %d min, suspected %7d ms while alive,"
                + " detection mean %5d ms, worst %5d ms",
            name,
            s.falseSuspicions(),
            RUNS * CRASH_AT / 60_000,
            s.suspectedMs(),
            s.detectionMeanMs(),
            s.detectionWorstMs()));
    return s;
  }

  @Test
  void when_theLinkIsClean_then_neitherSuspectsALivePeer_andBothDetectACrashWithinTwoSeconds() {
    LinkSimulation lan = new LinkSimulation(INTERVAL, TIMEOUT, 1, 0.3, 0, CRASH_AT);
    LinkSimulation.Summary phi = run("phi, clean link", lan, PHI);
    LinkSimulation.Summary fixed = run("fixed, clean link", lan, FIXED);
    assertThat(phi.falseSuspicions()).isZero();
    assertThat(fixed.falseSuspicions()).isZero();
    assertThat(phi.detectionWorstMs()).as("phi's worst detection").isBetween(500L, 2000L);
    assertThat(fixed.detectionWorstMs())
        .as("fixed's worst detection")
        .isLessThanOrEqualTo(INTERVAL + 20);
  }

  @Test
  void when_theLinkIsDelayed_then_phiLearnsTheSlowerBeat_andSuspectsNothing() {
    LinkSimulation delayed = new LinkSimulation(INTERVAL, TIMEOUT, 400, 100, 0, CRASH_AT);
    LinkSimulation.Summary phi = run("phi, 400 +- 100 ms", delayed, PHI);
    run("fixed, 400 +- 100 ms", delayed, FIXED);
    assertThat(phi.falseSuspicions()).isZero();
    assertThat(phi.detectionWorstMs()).as("phi's worst detection").isLessThan(3000L);
  }

  @Test
  void when_probesAreLost_then_phiSuspectsAtMostATenthAsOftenAsTheFixedRule() {
    for (double loss : new double[] {0.01, 0.1, 0.3}) {
      LinkSimulation lossy = new LinkSimulation(INTERVAL, TIMEOUT, 2, 1, loss, CRASH_AT);
      String name = (int) (loss * 100) + " % lost";
      LinkSimulation.Summary phi = run("phi, " + name, lossy, PHI);
      LinkSimulation.Summary fixed = run("fixed, " + name, lossy, FIXED);
      assertThat(fixed.falseSuspicions())
          .as("fixed rule's false suspicions, %s", name)
          .isPositive();
      assertThat(phi.falseSuspicions() * 10)
          .as("phi's false suspicions (x10) against the fixed rule's, %s", name)
          .isLessThanOrEqualTo(fixed.falseSuspicions());
      assertThat(phi.detectionWorstMs()).as("phi's worst detection, %s", name).isLessThan(6000L);
    }
  }

  @Test
  void when_theLinkIsDelayedAndLossy_then_phiStillSuspectsLessThanOneInTenAsOften() {
    LinkSimulation both = new LinkSimulation(INTERVAL, TIMEOUT, 400, 100, 0.1, CRASH_AT);
    LinkSimulation.Summary phi = run("phi, 400 ms and 10 % lost", both, PHI);
    LinkSimulation.Summary fixed = run("fixed, 400 ms and 10 % lost", both, FIXED);
    assertThat(phi.falseSuspicions() * 10).isLessThanOrEqualTo(fixed.falseSuspicions());
    assertThat(phi.detectionWorstMs()).isLessThan(6000L);
  }
}
