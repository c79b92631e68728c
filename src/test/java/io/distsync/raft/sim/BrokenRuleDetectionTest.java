package io.distsync.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.UnsafeRule;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checkers must catch bugs: with each safety rule deliberately broken, the simulation has to
 * report a violation within a bounded number of seeds. (A checker that never fires would make
 * {@link RaftSimulationTest} pass vacuously.)
 */
class BrokenRuleDetectionTest {
  private static final int MAX_SEEDS = 400;

  @BeforeAll
  static void quietLogs() {
    Logger.getLogger("io.distsync.raft").setLevel(Level.OFF);
  }

  @ParameterizedTest
  @EnumSource(UnsafeRule.class)
  void simulationReportsAViolationWhenARuleIsBroken(UnsafeRule rule) {
    String found = null;
    long seed = 1;
    for (; seed <= MAX_SEEDS && found == null; seed++) {
      found = Simulation.run(seed, Simulation.Profile.DEFAULT, rule).violation();
    }
    System.getLogger("raft.sim")
        .log(System.Logger.Level.INFO, rule + " caught at seed " + (seed - 1) + ": " + found);
    assertThat(found).as("violation found with %s within %d seeds", rule, MAX_SEEDS).isNotNull();
  }
}
