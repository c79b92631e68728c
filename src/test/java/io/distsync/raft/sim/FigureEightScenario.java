package io.distsync.raft.sim;

import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftRole;
import io.distsync.raft.UnsafeRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Figure 8 schedule of the Raft paper (§5.4.2), driven by partitions and crashes with random
 * timing from a seed: a leader re-elected in a later term replicates an entry of an earlier term to
 * a majority and is cut off before any entry of its own term is replicated; then a server holding a
 * conflicting entry of a higher term wins. Committing the old entry by counting replicas loses it;
 * the correct rule never does.
 */
public final class FigureEightScenario {
  private FigureEightScenario() {}

  /** Violation found, or null (also when the random timing did not produce the schedule). */
  public static String run(long seed, UnsafeRule... unsafe) {
    RaftConfig config =
        RaftConfig.builder()
            .maxEntriesPerAppend(1)
            .maxInFlightAppends(1)
            .unsafeRulesForTesting(unsafe)
            .build();
    SimCluster c = new SimCluster(seed, 5, config);
    c.network.setFaults(0, 0, 5, 15);
    c.startAll();
    KvClient client = new KvClient();
    if (!c.eventually(5_000, () -> c.leader().isPresent())) {
      trace("stop 1");
      return null;
    }
    // S1 leads; S1 and S2 get entry e, nobody else (S1..S5 as in the figure).
    String s1 = c.leader().get().id;
    List<String> others = new ArrayList<>(c.ids());
    others.remove(s1);
    String s2 = others.remove(c.random.nextInt(others.size()));
    c.network.partition(Set.of(s1, s2), Set.copyOf(others));
    client.put(c.node(s1).raft(), "k", "e");
    long e = c.node(s1).status().lastLogIndex() + 1;
    if (!c.runUntil(() -> c.node(s2).status().lastLogIndex() >= e, 1_000)) {
      trace("stop 2");
      return null;
    }
    c.crash(s1, false);
    c.crash(s2, false);
    c.network.heal();
    // S5 is elected by S3 and S4 and appends an entry at e's index, which nobody receives.
    if (!c.runUntil(() -> leaderAmong(c, others).isPresent(), 5_000)) {
      trace("stop 3");
      return null;
    }
    String s5 = leaderAmong(c, others).get();
    c.network.isolate(s5, c.ids());
    c.crash(s5, false);
    c.runFor(50); // drop S5's messages still in flight
    c.network.heal();
    // S1 returns, is elected, and replicates e to S3 and S4; cut it off the moment it commits e.
    c.start(s1);
    boolean committed =
        c.runUntil(
            () ->
                c.node(s1).isUp() && c.node(s1).status().commitIndex() >= e
                    || c.checker.violation() != null,
            5_000);
    trace("phase3 committed=" + committed + " " + c);
    if (!committed || c.checker.violation() != null) {
      return c.checker.violation();
    }
    long s1Term = c.node(s1).status().term();
    c.network.isolate(s1, c.ids());
    c.crash(s1, false);
    // Servers that already hold an entry of S1's term also go down: S1 "crashed before
    // replicating" it (with the correct rule that leaves no majority, hence no new leader).
    for (SimCluster.SimNode n : c.upNodes()) {
      if (n.status().lastLogTerm() == s1Term) {
        c.crash(n.id, false);
      }
    }
    c.runFor(50);
    // S5 and S2 return: if S5 wins it overwrites e.
    c.start(s5);
    c.start(s2);
    c.eventually(5_000, () -> c.checker.violation() != null);
    trace("end " + c);
    c.checkLogs();
    return c.checker.violation();
  }

  static void trace(String m) {
    if (Boolean.getBoolean("fig8.trace")) {
      System.err.println(m);
    }
  }

  private static Optional<String> leaderAmong(SimCluster c, List<String> ids) {
    return ids.stream()
        .filter(id -> c.node(id).isUp() && c.node(id).status().role() == RaftRole.LEADER)
        .findFirst();
  }
}
