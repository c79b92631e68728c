package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import io.distsync.testing.LibertyNode;
import io.distsync.testing.TestCluster;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many names on three real nodes with the shipped JVM settings: {@code scale.queues} queues with
 * one message each (default 10,000), {@code scale.locks} distinct lock resources acquired and
 * released (default 10,000 in the suite; {@code -Dscale.locks=100000} for the full run), {@code
 * scale.keys} cache keys written through one node with the default capacity of 10,000 lines
 * (default 20,000, so that half are evicted; {@code -Dscale.keys=100000} for the full run). Every
 * node stays up, the series of the lock, queue and cache metrics stay exactly those of before and
 * none names a queue, lock or key, and after a kill -9 of all nodes and a start the cluster is
 * ready again and every message is still consumable.
 */
class ScaleClusterIT {
  private static final Logger LOG = Logger.getLogger(ScaleClusterIT.class.getName());
  private static final Duration T = Duration.ofSeconds(30);
  private static final int QUEUES = Integer.getInteger("scale.queues", 10_000);
  private static final int LOCKS = Integer.getInteger("scale.locks", 10_000);
  private static final int KEYS = Integer.getInteger("scale.keys", 20_000);

  /** Clients at once; Raft batches what comes together, so locks get more of them. */
  private static final int CLIENTS = 16;

  private static final int LOCK_CLIENTS = 32;

  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(3, Map.of("PEER_PROBE_INTERVAL", "500"));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String url(int node, String path) {
    return cluster.node(node).url() + path;
  }

  private static Reply send(int node, String method, String path, String body) {
    return Http.sendJson(method, url(node, path), body, T);
  }

  /**
   * Runs {@code task(i)} for i in [0, n) on {@link #CLIENTS} threads; each answers null when done,
   * else what went wrong.
   */
  private static void parallel(String what, int n, IntFunction<String> task) throws Exception {
    parallel(what, n, CLIENTS, task);
  }

  private static void parallel(String what, int n, int clients, IntFunction<String> task)
      throws Exception {
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        all.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    String failed = retrying(task, i);
                    if (failed != null && failures.size() < 10) {
                      failures.add(what + " #" + i + ": " + failed);
                    }
                  }
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double s = (System.nanoTime() - start) / 1e9;
    LOG.info(String.format("%s: %,d in %.1f s (%.0f/s)", what, n, s, n / s));
    assertThat(failures).as(what).isEmpty();
  }

  /** A call that met a 503 (no leader for a moment, a busy key) is tried again, a few times. */
  private static String retrying(IntFunction<String> task, int i) {
    String failed = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        failed = task.apply(i);
        if (failed == null) {
          return null;
        }
      } catch (RuntimeException e) {
        failed = e.toString();
      }
    }
    return failed;
  }

  /** Null for the status expected, else the status and body. */
  private static String expect(Reply r, int status) {
    return r.status() == status ? null : r.status() + " " + r.body();
  }

  /**
   * The series of the features that handle user-chosen names (lock, queue and cache metrics) in a
   * node's {@code /metrics}; Raft's leader-only metrics may appear with a leader change and are
   * left out. Also checks that no series at all (Liberty's included) names one of the test's names.
   */
  private static List<String> featureSeries(int node) {
    Reply r = Http.get(url(node, "/metrics"), T);
    assertThat(r.status()).isEqualTo(200);
    List<String> series = r.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    assertThat(series).noneMatch(l -> l.contains("scale.") || l.contains("scale/"));
    return series.stream()
        .filter(l -> l.startsWith("lock_") || l.startsWith("queue_") || l.startsWith("cache_"))
        .map(l -> l.substring(0, l.lastIndexOf(' ')))
        .sorted()
        .toList();
  }

  private static int countQueues() {
    int n = 0;
    String cursor = null;
    do {
      Reply r =
          Http.get(
              url(
                  1,
                  "/queues/ring?limit=1000"
                      + (cursor == null
                          ? ""
                          : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))),
              T);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonObject ring = (JsonObject) r.json();
      n += ring.getJsonArray("queues").size();
      cursor = ring.containsKey("nextCursor") ? ring.getString("nextCursor") : null;
    } while (cursor != null);
    return n;
  }

  @Test
  void when_tensOfThousandsOfNamesAreStored_then_everyNodeStaysUp_andARestartKeepsEverything()
      throws Exception {
    // Every metric exists once every feature was used once: the baseline to compare with.
    send(1, "POST", "/queues/scale-warm/messages", "{\"payload\":0}");
    send(2, "POST", "/locks/acquire", "{\"resource\":\"scale-warm\",\"owner\":\"w\"}");
    send(2, "POST", "/locks/release", "{\"resource\":\"scale-warm\",\"owner\":\"w\"}");
    send(3, "PUT", "/cache/scale-warm", "{\"value\":0}");
    List<List<String>> before = List.of(featureSeries(1), featureSeries(2), featureSeries(3));

    parallel(
        "queues produced",
        QUEUES,
        i -> {
          String path = "/queues/scale." + i + "/messages";
          return expect(send(1 + i % 3, "POST", path, "{\"payload\":" + i + "}"), 201);
        });
    parallel(
        "locks acquired and released",
        LOCKS,
        LOCK_CLIENTS,
        i -> {
          String body = "{\"resource\":\"scale/" + i + "\",\"owner\":\"o" + (i % 64) + "\"}";
          int node = 1 + i % 3;
          String failed = expect(send(node, "POST", "/locks/acquire", body), 200);
          return failed != null ? failed : expect(send(node, "POST", "/locks/release", body), 200);
        });
    parallel(
        "cache keys written through node1",
        KEYS,
        i -> expect(send(1, "PUT", "/cache/scale:" + i, "{\"value\":" + i + "}"), 200));

    for (int n = 1; n <= 3; n++) {
      assertThat(cluster.node(n).isReady()).as("node%d ready", n).isTrue();
      assertThat(featureSeries(n))
          .as("node%d's lock, queue and cache series with %,d more queues", n, QUEUES)
          .isEqualTo(before.get(n - 1));
    }
    JsonObject locks = (JsonObject) Http.get(url(2, "/raft/status"), T).json();
    LOG.info("raft after the locks: " + locks);
    assertThat(countQueues()).isEqualTo(QUEUES + 1);

    for (LibertyNode node : cluster.nodes()) {
      node.kill();
    }
    cluster.nodes().forEach(LibertyNode::start);
    cluster.awaitAllReady(TestCluster.START_TIMEOUT);

    parallel(
        "queues consumed after the restart",
        QUEUES,
        i -> {
          Reply r =
              send(
                  1 + i % 3,
                  "POST",
                  "/queues/scale." + i + "/consume",
                  "{\"consumer\":\"c\",\"visibilityMs\":60000}");
          if (r.status() != 200) {
            return expect(r, 200);
          }
          JsonArray got = ((JsonObject) r.json()).getJsonArray("messages");
          return got.size() == 1 && got.getJsonObject(0).getInt("payload") == i
              ? null
              : "got " + got;
        });
    eventually(
        T,
        () -> {
          for (int n = 1; n <= 3; n++) {
            assertThat(cluster.node(n).isReady()).as("node%d ready", n).isTrue();
          }
        });
  }
}
