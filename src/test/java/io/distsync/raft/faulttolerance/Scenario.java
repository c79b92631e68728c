package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.sim.KvClient;
import io.distsync.raft.sim.SimCluster;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Shared fixture: a simulated cluster, a recording client, and {@link #eventually}. */
abstract class Scenario {
  /** Held strongly: java.util.logging forgets the level of a collected logger. */
  private static final Logger RAFT_LOG = Logger.getLogger("io.distsync.raft");

  static {
    RAFT_LOG.setLevel(Level.WARNING);
  }

  SimCluster cluster;
  final KvClient client = new KvClient();

  SimCluster start(long seed, int size, RaftConfig config) {
    cluster = new SimCluster(seed, size, config);
    cluster.network.setFaults(0, 0, 1, 10);
    cluster.startAll();
    eventually(
        5_000,
        "a leader is elected and known to all",
        () ->
            cluster.leader().isPresent()
                && cluster.upNodes().stream()
                    .allMatch(n -> leader().id.equals(n.status().leaderId())));
    return cluster;
  }

  /** Advances simulated time until {@code condition} holds; fails after {@code maxMs}. */
  void eventually(long maxMs, String what, BooleanSupplier condition) {
    boolean ok = cluster.eventually(maxMs, condition);
    cluster.assertSafe();
    assertThat(ok).as("within %d ms (simulated): %s\n%s", maxMs, what, cluster).isTrue();
  }

  SimCluster.SimNode leader() {
    return cluster.leader().orElseThrow(() -> new AssertionError("no leader\n" + cluster));
  }

  /** Writes through the current leader and waits until it is applied there. */
  Object write(String key, String value) {
    eventually(5_000, "a leader", () -> cluster.leader().isPresent());
    CompletableFuture<Object> f = client.put(leader().raft(), key, value);
    eventually(3_000, "put " + key + "=" + value + " completes", f::isDone);
    assertThat(f).isCompletedWithValue("OK");
    return f.join();
  }

  /** Waits until every live node has applied at least {@code index}. */
  void allApplied(long index) {
    eventually(
        5_000,
        "every live node applied " + index,
        () -> cluster.upNodes().stream().allMatch(n -> n.status().lastApplied() >= index));
  }

  long commitIndex() {
    return leader().status().commitIndex();
  }

  String valueOn(SimCluster.SimNode n, String key) {
    return String.valueOf(n.stateMachine().contents().get(key));
  }

  /** The exception a completed future failed with. */
  static Throwable failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (java.util.concurrent.CompletionException
        | java.util.concurrent.CancellationException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  static boolean isLeader(RaftNode n) {
    return n.status().role() == RaftRole.LEADER;
  }

  List<SimCluster.SimNode> followers() {
    String l = leader().id;
    return cluster.upNodes().stream().filter(n -> !n.id.equals(l)).toList();
  }
}
