package io.distsync.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The harsh fault mix that {@link BrokenRuleDetectionTest} uses must find nothing when every rule
 * is kept: otherwise its "detections" could be false alarms.
 */
class HarshProfileTest {
  /** Held strongly: java.util.logging forgets the level of a collected logger. */
  private static final Logger RAFT_LOG = Logger.getLogger("io.distsync.raft");

  @Test
  void harshFaultsFindNoViolationWhenEveryRuleIsKept() {
    RAFT_LOG.setLevel(Level.OFF);
    int seeds = Integer.getInteger("raft.sim.harshSeeds", 30);
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= seeds && failures.size() < 3; seed++) {
      String v = Simulation.run(seed, Simulation.Profile.HARSH).violation();
      if (v != null) {
        failures.add("seed " + seed + ": " + v);
      }
    }
    assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
  }
}
