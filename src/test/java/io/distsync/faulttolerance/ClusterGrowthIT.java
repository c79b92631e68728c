package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.LibertyNode;
import io.distsync.testing.MemberChanges;
import io.distsync.testing.QueueApi;
import io.distsync.testing.Serving;
import io.distsync.testing.TestCluster;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Growing a running cluster from three to five members and shrinking it back, one change at a time
 * and with the steps of {@code liberty/cluster add} and {@code remove}, while clients take an
 * exclusive lock and move queue messages through the members: no two critical sections overlap,
 * every message whose produce answered 201 is consumed, clients see no failure beyond a 503 with
 * {@code Retry-After}, and the queue's partitions go to the live members.
 */
class ClusterGrowthIT {
  private static final Logger LOG = Logger.getLogger(ClusterGrowthIT.class.getName());
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final Duration CHANGE = Duration.ofSeconds(180);
  private static final Duration DRAIN = Duration.ofSeconds(30);
  private static final int PARTITIONS = 32;
  private static final Map<String, String> ENV =
      Map.of(
          "QUEUE_PARTITIONS", String.valueOf(PARTITIONS),
          "QUEUE_SWEEP_INTERVAL", "500",
          "PEER_PROBE_INTERVAL", "500");

  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(3, ENV);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void when_twoNodesJoinAndLeaveUnderLoad_then_noGrantOverlapsAndNoAckedMessageIsLost()
      throws Exception {
    MemberChanges changes = new MemberChanges(cluster);
    // The nodes clients use: a node is used once it is a ready voter, and no longer before it is
    // taken out, as a load balancer in front of the cluster would do.
    Serving serving = new Serving(cluster.nodes());
    String queue = "growth-" + UUID.randomUUID().toString().substring(0, 8);
    LockSafetyRun locks = new LockSafetyRun(serving, "growth-lock", 4, Duration.ofMinutes(10));
    QueueAccounting messages = new QueueAccounting(serving, queue, 2, 2);
    locks.start();
    messages.start();
    eventually(CONVERGE, "load running", () -> locks.sections().size() >= 20);

    // Both new JVMs start at once (passive until added); the changes themselves go one at a time.
    LibertyNode node4 = cluster.addNode().start();
    LibertyNode node5 = cluster.addNode().start();
    for (LibertyNode joining : List.of(node4, node5)) {
      long t0 = System.nanoTime();
      changes.join(joining, CHANGE);
      serving.add(joining);
      LOG.info(
          String.format(
              "[ClusterGrowthIT] %s joined in %d ms", joining.id(), ms(System.nanoTime() - t0)));
    }
    assertRingOwnedByLiveMembers(Set.of("node1", "node2", "node3", "node4", "node5"));
    int atFive = locks.sections().size();
    eventually(CONVERGE, "progress with five", () -> locks.sections().size() >= atFive + 20);

    for (int leaving : List.of(5, 4)) {
      // Drained first, as a load balancer does: the calls already on it finish.
      serving.takeOut(cluster.node(leaving), DRAIN);
      changes.remove(leaving, CHANGE);
    }
    assertRingOwnedByLiveMembers(Set.of("node1", "node2", "node3"));
    int atThree = locks.sections().size();
    eventually(CONVERGE, "progress with three", () -> locks.sections().size() >= atThree + 20);

    locks.stop();
    locks.awaitEnd(CONVERGE);
    messages.drain(Duration.ofSeconds(60));
    locks.assertSafe();
    assertThat(messages.acknowledged()).as("messages produced with a 201").isGreaterThan(100);
    assertThat(locks.unexpectedFailures()).as("lock requests that failed otherwise").isEmpty();
    assertThat(messages.unexpectedFailures()).as("queue requests that failed otherwise").isEmpty();
  }

  /**
   * Every member's {@code GET /queues/ring} lists exactly {@code members}, all live, and the same
   * owner for each partition of every queue; the owners are exactly the members.
   */
  private static void assertRingOwnedByLiveMembers(Set<String> members) {
    eventually(
        CONVERGE,
        () -> {
          Map<String, String> first = null;
          for (String id : members) {
            JsonObject ring = QueueApi.of(cluster.node(Integer.parseInt(id.substring(4)))).ring();
            Map<String, Boolean> live = new TreeMap<>();
            for (JsonValue v : ring.getJsonArray("members")) {
              live.put(v.asJsonObject().getString("id"), v.asJsonObject().getBoolean("live"));
            }
            assertThat(live.keySet()).as("ring members seen by %s", id).isEqualTo(members);
            assertThat(live.values()).as("liveness seen by %s: %s", id, live).allMatch(l -> l);
            Map<String, String> owners = owners(ring);
            assertThat(owners).as("partitions on %s's ring", id).isNotEmpty();
            // 32 partitions: every live member owns some, none else does.
            assertThat(new TreeSet<>(owners.values()))
                .as("owners on %s's ring", id)
                .isEqualTo(new TreeSet<>(members));
            if (first != null) {
              assertThat(owners).as("owners on %s's ring", id).isEqualTo(first);
            }
            first = owners;
          }
          LOG.info("[ClusterGrowthIT] ring with " + members + ": " + first);
        });
  }

  /** queue/partition → owner, for every queue on the ring's page. */
  private static Map<String, String> owners(JsonObject ring) {
    Map<String, String> out = new TreeMap<>();
    for (JsonValue q : ring.getJsonArray("queues")) {
      for (JsonValue p : q.asJsonObject().getJsonArray("partitions")) {
        out.put(
            q.asJsonObject().getString("queue") + "/" + p.asJsonObject().getInt("partition"),
            p.asJsonObject().getString("owner"));
      }
    }
    return out;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
