package io.distsync.cluster.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhiAccrualDetectorTest {

  @Test
  void phiIsSmallAtTheMean_andGrowsWithTheSilence() {
    assertThat(PhiAccrualDetector.phi(500, 500, 100)).isBetween(0.2, 0.4); // -log10(0.5)
    assertThat(PhiAccrualDetector.phi(700, 500, 100)).isBetween(1.5, 1.8); // 2 sigma
    assertThat(PhiAccrualDetector.phi(1023, 500, 100)).isBetween(7.5, 8.5); // about 5.2 sigma
    assertThat(PhiAccrualDetector.phi(100_000, 500, 100)).isGreaterThan(1000);
  }

  @Test
  void aRegularPeerIsTrusted_untilItFallsSilent() {
    PhiAccrualDetector d = new PhiAccrualDetector(8, 100, 100, 0, 500);
    assertThat(d.suspected(0)).as("never heard").isTrue();
    for (long t = 0; t <= 10_000; t += 500) {
      d.heartbeat(t);
    }
    assertThat(d.suspected(10_400)).isFalse();
    assertThat(d.phi(10_500)).isLessThan(1);
    assertThat(d.suspected(11_000)).as("one beat late").isFalse();
    assertThat(d.suspected(12_000)).as("three beats late").isTrue();
  }

  @Test
  void anAcceptablePauseIsToleratedOnTopOfTheMean() {
    PhiAccrualDetector d = new PhiAccrualDetector(8, 100, 100, 3000, 500);
    for (long t = 0; t <= 10_000; t += 500) {
      d.heartbeat(t);
    }
    assertThat(d.suspected(13_000)).isFalse();
    assertThat(d.suspected(14_500)).isTrue();
  }

  @Test
  void theWindowIsBounded_soTheOldestIntervalsGoOut() {
    PhiAccrualDetector d = new PhiAccrualDetector(8, 10, 100, 0, 500);
    long t = 0;
    for (int i = 0; i < 50; i++) {
      d.heartbeat(t += 5000); // a slow beat first
    }
    for (int i = 0; i < 10; i++) {
      d.heartbeat(t += 500); // then a fast one fills the window
    }
    assertThat(d.samples()).isEqualTo(10);
    assertThat(d.suspected(t + 2000)).as("judged by the last ten beats only").isTrue();
  }

  @Test
  void aFailedProbeAddsNothing_onlySilenceRaisesPhi() {
    PhiAccrualDetector d = new PhiAccrualDetector(8, 100, 100, 0, 500);
    for (long t = 0; t <= 5000; t += 500) {
      d.heartbeat(t);
    }
    double before = d.phi(5200);
    d.failed(5100);
    assertThat(d.phi(5200)).isEqualTo(before);
  }

  @Test
  void anOutageIsNotLearnedAsPartOfTheBeat_soTheNextCrashIsSeenAsFast() {
    PhiAccrualDetector d = new PhiAccrualDetector(8, 100, 100, 0, 500);
    long t = 0;
    for (int i = 0; i < 20; i++) {
      d.heartbeat(t += 500);
    }
    t += 40_000; // down for 40 s, then back
    d.heartbeat(t);
    for (int i = 0; i < 5; i++) {
      d.heartbeat(t += 500);
    }
    assertThat(d.suspected(t + 1500)).as("a second crash, 1.5 s of silence").isTrue();
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new PhiAccrualDetector(0, 100, 100, 0, 500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PhiAccrualDetector(8, 1, 100, 0, 500))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
