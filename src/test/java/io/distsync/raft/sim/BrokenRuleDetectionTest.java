package io.distsync.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.UnsafeRule;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checkers must catch bugs: with a safety rule deliberately broken (through {@code
 * RaftConfig.Builder.unsafeRulesForTesting}), the simulation has to report a violation within a
 * bounded number of seeds. Without this, {@link RaftSimulationTest} could pass vacuously.
 */
class BrokenRuleDetectionTest {
  /** Held strongly: java.util.logging forgets the level of a collected logger. */
  private static final Logger RAFT_LOG = Logger.getLogger("io.distsync.raft");

  private static final int MAX_RANDOM_SEEDS = 200;
  private static final int MAX_FIGURE_8_SEEDS = 40;

  @BeforeAll
  static void quietLogs() {
    RAFT_LOG.setLevel(Level.OFF);
  }

  @ParameterizedTest
  @EnumSource(
      value = UnsafeRule.class,
      names = {"GRANT_TWO_VOTES_PER_TERM", "SKIP_LOG_UP_TO_DATE_CHECK", "ACK_BEFORE_SYNC"})
  // ACK_BEFORE_SYNC shows up here as lost liveness (the leader's matchIndex is ahead of the
  // follower's log); lostAcknowledgement* below shows the safety violation it causes.
  void randomFaultsExposeTheBrokenRule(UnsafeRule rule) {
    String found = null;
    long seed = 0;
    while (found == null && seed < MAX_RANDOM_SEEDS) {
      seed++;
      found = Simulation.run(seed, Simulation.Profile.HARSH, rule).violation();
    }
    report(rule, seed, found);
    assertThat(found).as("violation with %s within %d seeds", rule, MAX_RANDOM_SEEDS).isNotNull();
  }

  @Test
  void figureEightExposesCommittingAnEarlierTermEntryByCounting() {
    String found = null;
    long seed = 0;
    while (found == null && seed < MAX_FIGURE_8_SEEDS) {
      seed++;
      found = FigureEightScenario.run(seed, UnsafeRule.COMMIT_PREVIOUS_TERM_BY_COUNTING);
    }
    report(UnsafeRule.COMMIT_PREVIOUS_TERM_BY_COUNTING, seed, found);
    assertThat(found)
        .as("violation within %d Figure 8 seeds", MAX_FIGURE_8_SEEDS)
        .isNotNull()
        .containsAnyOf("committed", "state machine safety");
  }

  @Test
  void figureEightIsSafeWithTheCorrectCommitRule() {
    for (long seed = 1; seed <= MAX_FIGURE_8_SEEDS; seed++) {
      assertThat(FigureEightScenario.run(seed)).as("Figure 8, seed %d", seed).isNull();
    }
  }

  @Test
  void powerFailureExposesAcknowledgingBeforeSync() {
    String found = null;
    long seed = 0;
    while (found == null && seed < MAX_FIGURE_8_SEEDS) {
      seed++;
      found = LostAcknowledgementScenario.run(seed, UnsafeRule.ACK_BEFORE_SYNC);
    }
    report(UnsafeRule.ACK_BEFORE_SYNC, seed, found);
    assertThat(found).as("violation within %d seeds", MAX_FIGURE_8_SEEDS).isNotNull();
  }

  @Test
  void powerFailureNeverLosesAnEntryAcknowledgedAfterSync() {
    for (long seed = 1; seed <= MAX_FIGURE_8_SEEDS; seed++) {
      assertThat(LostAcknowledgementScenario.run(seed)).as("seed %d", seed).isNull();
    }
  }

  private static void report(UnsafeRule rule, long seed, String found) {
    System.getLogger("raft.sim")
        .log(System.Logger.Level.INFO, rule + " caught at seed " + seed + ": " + found);
  }
}
