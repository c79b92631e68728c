package io.distsync.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.RaftListener;
import io.distsync.raft.RaftRole;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Guards against a simulation that silently stops exercising the engine: over a batch of seeds the
 * random runs must produce re-elections, pre-votes, snapshots sent to lagging followers, learners
 * and many client operations. Otherwise {@link RaftSimulationTest} would prove little.
 */
class SimulationCoverageTest {
  /** Held strongly: java.util.logging forgets the level of a collected logger. */
  private static final Logger RAFT_LOG = Logger.getLogger("io.distsync.raft");

  @Test
  void randomRunsExerciseElectionsSnapshotsMembershipAndClients() {
    RAFT_LOG.setLevel(Level.OFF);
    Map<String, Long> seen = new TreeMap<>();
    Simulation.statsListener =
        new RaftListener() {
          @Override
          public void onRoleChanged(String nodeId, RaftRole role, long term) {
            seen.merge("role " + role, 1L, Long::sum);
          }

          @Override
          public void onSnapshotInstalled(String nodeId, long lastIncludedIndex) {
            seen.merge("snapshot installed", 1L, Long::sum);
          }

          @Override
          public void onElectionStarted(String nodeId, long term, boolean preVote) {
            seen.merge(preVote ? "pre-vote" : "election", 1L, Long::sum);
          }
        };
    long ops = 0;
    int seeds = 100;
    try {
      for (long seed = 1; seed <= seeds; seed++) {
        ops += Simulation.run(seed, Simulation.Profile.DEFAULT).ops();
      }
    } finally {
      Simulation.statsListener = null;
    }
    assertThat(seen.getOrDefault("role LEADER", 0L))
        .as("re-elections " + seen)
        .isGreaterThan(2L * seeds);
    assertThat(seen.getOrDefault("pre-vote", 0L)).as(seen.toString()).isPositive();
    assertThat(seen.getOrDefault("snapshot installed", 0L)).as(seen.toString()).isPositive();
    assertThat(seen.getOrDefault("role LEARNER", 0L)).as(seen.toString()).isPositive();
    assertThat(ops).as("recorded client operations").isGreaterThan(20L * seeds);
  }
}
