package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.RaftApi;
import io.distsync.testing.RaftApi.Entry;
import io.distsync.testing.RaftApi.Leader;
import io.distsync.testing.RaftApi.Outcome;
import io.distsync.testing.TestCluster;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks of the Raft state of a {@link TestCluster}, through each node's public API. */
final class RaftChecks {
  private RaftChecks() {}

  static int number(String nodeId) {
    return Integer.parseInt(nodeId.substring("node".length()));
  }

  /**
   * Waits until every node in {@code nodes} reports the same known leader and term, each in role
   * FOLLOWER except the leader itself (when listed), which reports LEADER.
   */
  static Leader agreedLeader(TestCluster cluster, List<Integer> nodes, Duration within) {
    Leader[] agreed = new Leader[1];
    eventually(
        within,
        () -> {
          List<Leader> seen = new ArrayList<>();
          for (int i : nodes) {
            seen.add(RaftApi.of(cluster.node(i)).leader());
          }
          Leader first = seen.get(0);
          assertThat(first.leaderId()).as("leader known to node%d", nodes.get(0)).isNotNull();
          for (Leader l : seen) {
            assertThat(l.leaderId()).as("leaders seen: %s", seen).isEqualTo(first.leaderId());
            assertThat(l.term()).as("terms seen: %s", seen).isEqualTo(first.term());
            String expectedRole = first.leaderId().equals(l.nodeId()) ? "LEADER" : "FOLLOWER";
            assertThat(l.role()).as("roles seen: %s", seen).isEqualTo(expectedRole);
          }
          agreed[0] = first;
        });
    return agreed[0];
  }

  static List<String> commands(List<Entry> log) {
    return log.stream().map(e -> e.command() == null ? "" : e.command()).toList();
  }

  /**
   * Every acknowledged proposal (tag → its 200 reply) is in {@code log} at the index of its
   * acknowledgement, with a term no later than the acknowledgement's, and its command carries the
   * tag.
   */
  static void assertAckedInLog(Map<String, Outcome> acked, List<Entry> log, int node) {
    Map<Long, Entry> byIndex = new HashMap<>();
    for (Entry e : log) {
      byIndex.put(e.index(), e);
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Outcome> a : acked.entrySet()) {
      JsonObject reply = a.getValue().json();
      long index = reply.getJsonNumber("index").longValue();
      long term = reply.getJsonNumber("term").longValue();
      Entry e = byIndex.get(index);
      // The reply's term is the leader's term when it was applied, so never below the entry's.
      if (e == null
          || e.term() > term
          || e.command() == null
          || !e.command().contains(a.getKey())) {
        missing.add(a.getKey() + "@" + index + "/t" + term + " found " + e);
      }
    }
    assertThat(missing)
        .as("acknowledged proposals missing from node%d's log (%d entries)", node, log.size())
        .isEmpty();
  }

  /** The nodes hold the same log: same indexes, terms, types and commands. */
  static void assertLogsEqual(TestCluster cluster, List<Integer> nodes) {
    int ref = nodes.get(0);
    List<Entry> reference = RaftApi.of(cluster.node(ref)).log();
    assertThat(reference).as("log of node%d", ref).isNotEmpty();
    for (int i : nodes.subList(1, nodes.size())) {
      List<Entry> log = RaftApi.of(cluster.node(i)).log();
      int common = Math.min(log.size(), reference.size());
      for (int k = 0; k < common; k++) {
        assertThat(log.get(k))
            .as("entry %d of node%d vs node%d", k, i, ref)
            .isEqualTo(reference.get(k));
      }
      assertThat(log.size())
          .as("log length of node%d vs node%d", i, ref)
          .isEqualTo(reference.size());
    }
  }

  /**
   * Waits until {@code nodes} have agreed on the same leader and term for {@code quiet} in a row (a
   * leader that just won may lose again at once on a busy box), and returns it.
   */
  static Leader stableLeader(
      TestCluster cluster, List<Integer> nodes, Duration quiet, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    Leader current = null;
    long since = 0;
    while (System.nanoTime() < deadline) {
      Leader l = agreedLeader(cluster, nodes, within);
      if (current == null
          || !current.leaderId().equals(l.leaderId())
          || current.term() != l.term()) {
        current = l;
        since = System.nanoTime();
      } else if (System.nanoTime() - since >= quiet.toNanos()) {
        return current;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    throw new AssertionError(
        "no leader kept its term for " + quiet + " within " + within + "; last " + current);
  }

  /**
   * Watches {@code nodes} for {@code window}, every 100 ms, and returns each distinct view seen
   * ("nodeN: leader/term", or "nodeN: no leader/term"), in order; a stable cluster shows one leader
   * and term.
   */
  static List<String> leadershipChanges(TestCluster cluster, List<Integer> nodes, Duration window) {
    long end = System.nanoTime() + window.toNanos();
    long start = System.nanoTime();
    List<String> changes = new ArrayList<>();
    Map<Integer, String> last = new HashMap<>();
    while (System.nanoTime() < end) {
      for (int i : nodes) {
        String view;
        try {
          Leader l = RaftApi.of(cluster.node(i)).leader(Duration.ofSeconds(1));
          view = (l.leaderId() == null ? "no leader" : l.leaderId()) + "/t" + l.term();
        } catch (RuntimeException | AssertionError e) {
          view = "no answer";
        }
        if (!view.equals(last.get(i))) {
          last.put(i, view);
          changes.add("+" + (System.nanoTime() - start) / 1_000_000 + "ms node" + i + ": " + view);
        }
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    return changes;
  }

  /**
   * Counts, in a thread dump, the threads of the application's executor and how many of them wait
   * in a socket read (a peer call that has not been answered).
   */
  static String threadSummary(String dump) {
    int executorThreads = 0;
    int inSocketRead = 0;
    int peerCallsInSocketRead = 0;
    for (String thread : dump.split("\n\n")) {
      boolean executor = thread.contains("PolicyExecutorImpl");
      boolean reading = thread.contains("socketRead") || thread.contains("NioSocketImpl.implRead");
      executorThreads += executor ? 1 : 0;
      inSocketRead += executor && reading ? 1 : 0;
      peerCallsInSocketRead += executor && reading && thread.contains("resteasy") ? 1 : 0;
    }
    return executorThreads
        + " threads run managed-executor tasks, "
        + inSocketRead
        + " of them blocked in a socket read, "
        + peerCallsInSocketRead
        + " of those in a REST client call";
  }
}
