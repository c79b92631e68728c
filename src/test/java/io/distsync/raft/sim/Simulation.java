package io.distsync.raft.sim;

import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftNode;
import io.distsync.raft.UnsafeRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One randomized run: a 3- or 5-node cluster with a random configuration, client operations,
 * crashes (some losing unsynced writes), restarts, partitions and a lossy network, all from one
 * seed; then the faults heal and the cluster must converge. Safety is checked throughout.
 */
public final class Simulation {
  /** How the run ended: {@code violation} is null when every check passed. */
  public record Result(long seed, String violation, long events, int ops, String description) {}

  /** Knobs for the fault mix (the broken-rule tests turn some up). */
  public record Profile(
      long durationMs,
      int maxOpsPerKey,
      int faultEveryMinMs,
      int faultEveryMaxMs,
      int opEveryMaxMs,
      int clusterSize,
      boolean smallBatches,
      int maxSyncDelayMs) {
    /** The mix {@link RaftSimulationTest} runs: everything randomized. */
    public static final Profile DEFAULT = new Profile(6_000, 24, 150, 1_050, 100, 0, false, -1);

    /** Frequent faults, tiny batches, slow disks: makes subtle rule violations likely. */
    public static final Profile HARSH = new Profile(8_000, 40, 40, 400, 40, 5, true, 20);
  }

  /** Optional listener added to every simulated node (coverage statistics). */
  static volatile io.distsync.raft.RaftListener statsListener;

  private Simulation() {}

  public static Result run(long seed, Profile profile, UnsafeRule... unsafe) {
    Random setup = new Random(seed); // the one Random of this run: setup, then the cluster
    int size = profile.clusterSize() > 0 ? profile.clusterSize() : setup.nextBoolean() ? 3 : 5;
    RaftConfig.Builder b =
        RaftConfig.builder()
            .unsafeRulesForTesting(unsafe)
            .maxEntriesPerAppend(pick(setup, 1, 2, 4, 64))
            .maxBytesPerAppend(pick(setup, 64, 512, 1 << 20))
            .maxInFlightAppends(pick(setup, 1, 2, 4))
            .snapshotThresholdEntries(pick(setup, 8, 30, 10_000))
            .snapshotChunkBytes(pick(setup, 16, 64, 4096))
            .proposalTimeoutMs(pick(setup, 1_000, 3_000))
            .preVote(setup.nextInt(4) != 0)
            .checkQuorum(setup.nextInt(4) != 0)
            .leaderStickiness(setup.nextInt(4) != 0);
    if (profile.smallBatches()) {
      b.maxEntriesPerAppend(1).maxInFlightAppends(1);
    }
    RaftConfig config = b.build();
    SimCluster c = new SimCluster(seed, setup, size, config);
    if (statsListener != null) {
      c.addListener(statsListener);
    }
    c.setTimerSkew(setup.nextBoolean() ? 0.3 : 0);
    c.setMaxSyncDelayMs(
        profile.maxSyncDelayMs() >= 0 ? profile.maxSyncDelayMs() : pick(setup, 0, 2, 8));
    c.network.setFaults(
        pick(setup, 0, 1, 5) / 100.0, pick(setup, 0, 2) / 100.0, 1, pick(setup, 5, 20, 40));
    String description = size + " nodes, " + config;
    KvClient client = new KvClient();
    List<String> keys = List.of("a", "b", "c");
    Map<String, Integer> opsPerKey = new java.util.HashMap<>();
    Map<String, String> lastSeen = new java.util.HashMap<>();
    c.startAll();

    Random r = c.random;
    long end = profile.durationMs();
    long nextOp = 200;
    int faultSpan = profile.faultEveryMaxMs() - profile.faultEveryMinMs();
    long nextFault = 300 + r.nextInt(faultSpan);
    Set<String> crashed = new HashSet<>();
    while (c.scheduler.now() < end && c.checker.violation() == null) {
      long t = Math.min(nextOp, nextFault);
      c.scheduler.runUntil(t);
      if (c.checker.violation() != null) {
        break;
      }
      if (t == nextOp) {
        nextOp += 5 + r.nextInt(profile.opEveryMaxMs());
        issueOp(c, client, r, keys, opsPerKey, lastSeen, profile.maxOpsPerKey());
      }
      if (t == nextFault) {
        nextFault += profile.faultEveryMinMs() + r.nextInt(faultSpan);
        fault(c, r, crashed, profile);
      }
    }
    // Heal and converge: everything back up, no faults, one final write reaches every node.
    if (c.checker.violation() == null) {
      c.network.heal();
      c.network.setFaults(0, 0, 1, 10);
      for (String id : new ArrayList<>(crashed)) {
        if (!c.isRetired(id)) {
          c.start(id);
        }
      }
      String liveness = converge(c);
      if (liveness != null && c.checker.violation() == null) {
        c.checker.fail("liveness after healing: " + liveness);
      }
    }
    c.checkLogs();
    String violation = c.checker.violation();
    if (violation == null) {
      violation = LinearizabilityChecker.check(client.history());
    }
    if (violation != null) {
      violation = violation + "\n" + description + "\n" + c;
    }
    return new Result(
        seed, violation, c.scheduler.eventsRun(), client.history().size(), description);
  }

  private static void issueOp(
      SimCluster c,
      KvClient client,
      Random r,
      List<String> keys,
      Map<String, Integer> opsPerKey,
      Map<String, String> lastSeen,
      int maxOpsPerKey) {
    List<SimCluster.SimNode> up = c.upNodes();
    if (up.isEmpty()) {
      return;
    }
    String key = keys.get(r.nextInt(keys.size()));
    Optional<SimCluster.SimNode> leader = c.leader();
    SimCluster.SimNode target =
        leader.isPresent() && r.nextInt(10) < 7 ? leader.get() : up.get(r.nextInt(up.size()));
    RaftNode node = target.raft();
    if (opsPerKey.merge(key, 1, Integer::sum) > maxOpsPerKey) {
      // Keep each key's history small so the checker stays fast; unrecorded load instead.
      node.propose(KvStateMachine.put("load", "l" + c.scheduler.eventsRun(), 0));
      return;
    }
    int kind = r.nextInt(10);
    CompletableFuture<Object> f;
    if (kind < 4) {
      String v = "v" + c.scheduler.eventsRun() + "x" + r.nextInt(1000);
      f = client.put(node, key, v);
    } else if (kind < 6) {
      String expected = lastSeen.getOrDefault(key, "null");
      f = client.cas(node, key, expected, "c" + c.scheduler.eventsRun() + "x" + r.nextInt(1000));
    } else if (kind < 9) {
      f = client.get(node, key);
    } else {
      f = client.getViaLog(node, key);
    }
    f.whenComplete(
        (res, err) -> {
          if (err == null && res instanceof String s && !"OK".equals(s)) {
            lastSeen.put(key, s);
          }
        });
  }

  private static void fault(SimCluster c, Random r, Set<String> crashed, Profile profile) {
    List<String> ids = new ArrayList<>(c.ids());
    int n = ids.size();
    int choice = r.nextInt(11);
    if (choice == 10) {
      changeMembership(c, r, crashed);
    } else if (choice < 3) {
      String id = ids.get(r.nextInt(n));
      if (!crashed.contains(id)) {
        crashed.add(id);
        c.crash(id, r.nextBoolean());
      }
    } else if (choice < 5) {
      if (!crashed.isEmpty()) {
        String id = crashed.iterator().next();
        crashed.remove(id);
        c.start(id);
      }
    } else if (choice < 6) {
      c.leader()
          .ifPresent(
              l -> {
                String target = ids.get(r.nextInt(n));
                l.raft().transferLeadership(target);
              });
    } else if (choice < 7) {
      c.leader().ifPresent(l -> c.network.isolate(l.id, c.ids())); // the Figure 8 precondition
    } else if (choice < 8) {
      c.network.heal();
      Set<String> side = new HashSet<>();
      for (String id : ids) {
        if (r.nextBoolean()) {
          side.add(id);
        }
      }
      Set<String> other = new HashSet<>(ids);
      other.removeAll(side);
      if (r.nextBoolean()) {
        c.network.partition(side, other);
      } else if (!side.isEmpty() && !other.isEmpty()) {
        c.network.blockOneWay(side.iterator().next(), other.iterator().next());
      }
    } else {
      c.network.heal();
    }
  }

  /**
   * One server at a time: promote a pending learner, remove a voter (which is then stopped for
   * good), or add a fresh server as a learner.
   */
  private static void changeMembership(SimCluster c, Random r, Set<String> crashed) {
    Optional<SimCluster.SimNode> leader = c.leader();
    if (leader.isEmpty()) {
      return;
    }
    RaftNode l = leader.get().raft();
    List<io.distsync.raft.RaftStatus.MemberStatus> members = leader.get().status().members();
    List<String> voters = members.stream().filter(m -> m.voter()).map(m -> m.id()).toList();
    Optional<String> learner =
        members.stream().filter(m -> !m.voter()).map(m -> m.id()).findFirst();
    if (learner.isPresent()) {
      l.promote(learner.get());
    } else if (voters.size() >= 3 && r.nextBoolean()) {
      String victim = voters.get(r.nextInt(voters.size()));
      l.removeMember(victim)
          .thenRun(
              () -> {
                c.retire(victim);
                crashed.remove(victim);
              });
    } else if (voters.size() < 5) {
      io.distsync.raft.Membership current =
          new io.distsync.raft.Membership(
              members.stream()
                  .map(m -> new io.distsync.raft.RaftMember(m.id(), m.address(), m.voter()))
                  .toList());
      String id = c.freshId();
      c.addNode(id, current);
      l.addLearner(new io.distsync.raft.RaftMember(id, "sim://" + id, false));
    }
  }

  /** Null when a leader commits a final write that every node then applies. */
  private static String converge(SimCluster c) {
    if (!c.eventually(10_000, () -> c.leader().isPresent())) {
      return "no leader within 10 s";
    }
    long deadline = c.scheduler.now() + 20_000;
    CompletableFuture<Object> done = null;
    while (c.scheduler.now() < deadline) {
      Optional<SimCluster.SimNode> l = c.leader();
      if (l.isPresent() && (done == null || done.isCompletedExceptionally())) {
        done = l.get().raft().propose(KvStateMachine.put("final", "x", 0));
      }
      c.runFor(50);
      if (done != null && done.isDone() && !done.isCompletedExceptionally()) {
        break;
      }
    }
    if (done == null || !done.isDone() || done.isCompletedExceptionally()) {
      return "final write not committed within 20 s";
    }
    if (!c.eventually(10_000, () -> c.leader().isPresent())) {
      return "no leader after the final write";
    }
    SimCluster.SimNode leader = c.leader().get();
    long target = leader.status().commitIndex();
    Set<String> members = new HashSet<>();
    leader.status().members().forEach(m -> members.add(m.id()));
    List<SimCluster.SimNode> live =
        c.upNodes().stream().filter(n -> members.contains(n.id)).toList();
    boolean applied =
        c.eventually(10_000, () -> live.stream().allMatch(n -> n.status().lastApplied() >= target));
    if (!applied) {
      return "members did not apply up to " + target;
    }
    // Every member that applied the same prefix holds the same state.
    long maxApplied = live.stream().mapToLong(n -> n.status().lastApplied()).max().orElse(0);
    Map<String, String> reference = null;
    for (SimCluster.SimNode n : live) {
      if (n.status().lastApplied() == maxApplied) {
        if (reference == null) {
          reference = n.stateMachine().contents();
        } else if (!reference.equals(n.stateMachine().contents())) {
          return "state machines differ at " + maxApplied + ": " + n.id;
        }
      }
    }
    return null;
  }

  private static int pick(Random r, int... options) {
    return options[r.nextInt(options.length)];
  }
}
