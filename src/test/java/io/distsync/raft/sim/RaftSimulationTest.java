package io.distsync.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code raft.sim.seeds} random seeds (default 500) of {@link Simulation}: every safety
 * property and linearizability must hold for each. Replay one seed with {@code mvn test
 * -Dtest=RaftSimulationTest -Draft.sim.seed=N}; long run: {@code -Draft.sim.seeds=20000}.
 */
class RaftSimulationTest {
  private static final Logger RAFT_LOG = Logger.getLogger("io.distsync.raft");

  @BeforeAll
  static void quietLogs() {
    RAFT_LOG.setLevel(Level.OFF);
  }

  @Test
  void randomFaultsNeverBreakSafetyOrLinearizability() {
    Long single = Long.getLong("raft.sim.seed");
    long first = single != null ? single : Long.getLong("raft.sim.firstSeed", 1);
    int count = single != null ? 1 : Integer.getInteger("raft.sim.seeds", 500);
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    long events = 0;
    long ops = 0;
    for (long seed = first; seed < first + count && failures.size() < 3; seed++) {
      Simulation.Result r = Simulation.run(seed, Simulation.Profile.DEFAULT);
      events += r.events();
      ops += r.ops();
      if (r.violation() != null) {
        failures.add(
            "seed "
                + seed
                + ": "
                + r.violation()
                + "\n  replay: mvn test -Dtest=RaftSimulationTest -Draft.sim.seed="
                + seed);
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.getLogger("raft.sim")
        .log(
            System.Logger.Level.INFO,
            count
                + " seeds from "
                + first
                + ": "
                + events
                + " events, "
                + ops
                + " client ops, "
                + ms
                + " ms");
    assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
  }
}
