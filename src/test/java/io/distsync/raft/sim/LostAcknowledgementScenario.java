package io.distsync.raft.sim;

import io.distsync.raft.RaftConfig;
import io.distsync.raft.UnsafeRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow disks and a power failure, with random timing from a seed: leader A and follower B commit an
 * entry while C is cut off; then A and B lose power (losing unsynced writes) and B comes back with
 * C. If B acknowledged the entry before syncing it, the entry is gone from the only majority left,
 * and a leader without it is elected. With acknowledgements after sync it always survives.
 */
public final class LostAcknowledgementScenario {
  private LostAcknowledgementScenario() {}

  /** Violation found, or null. */
  public static String run(long seed, UnsafeRule... unsafe) {
    SimCluster c =
        new SimCluster(seed, 3, RaftConfig.builder().unsafeRulesForTesting(unsafe).build());
    c.network.setFaults(0, 0, 1, 10);
    c.startAll();
    KvClient client = new KvClient();
    if (!c.eventually(5_000, () -> c.leader().isPresent())) {
      return null;
    }
    String a = c.leader().get().id;
    List<String> others = new ArrayList<>(c.ids());
    others.remove(a);
    String b = others.get(c.random.nextInt(2));
    String cut = others.get(0).equals(b) ? others.get(1) : others.get(0);
    c.network.isolate(cut, c.ids());
    c.setMaxSyncDelayMs(60); // slow disks: a wide window between append and sync
    client.put(c.node(a).raft(), "k", "e");
    long e = c.node(a).status().lastLogIndex() + 1;
    if (!c.runUntil(() -> c.node(a).status().commitIndex() >= e, 2_000)) {
      return null;
    }
    c.crash(a, true);
    c.crash(b, true);
    c.network.heal();
    c.start(b);
    c.eventually(5_000, () -> c.leader().isPresent() || c.checker.violation() != null);
    c.checkLogs();
    return c.checker.violation();
  }
}
