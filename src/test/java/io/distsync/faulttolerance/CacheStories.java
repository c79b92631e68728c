package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import io.distsync.testing.LibertyNode;
import io.distsync.testing.TestCluster;
import jakarta.json.JsonObject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache's stories on three real nodes, run once per write policy by {@link CacheWriteThroughIT}
 * and {@link CacheWriteBackIT} (one cluster per class): a hit on the writer and a miss elsewhere,
 * the new value everywhere after an update, writers and readers on every node checked for
 * coherence, a node cut off while another writes, then healed. Every test leaves the cluster whole
 * (links healed, every node serving from its cache again).
 */
abstract class CacheStories {
  static final Duration T = Duration.ofSeconds(10);
  static final Duration CONVERGE = Duration.ofSeconds(60);
  static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(CacheStories.class.getName());

  static TestCluster cluster;

  /** The state a writer's line is left in: EXCLUSIVE (write-through) or MODIFIED (write-back). */
  abstract String writerState();

  static void startCluster(java.util.Map<String, String> env) {
    cluster = TestCluster.start(3, env);
    awaitServing();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  @AfterEach
  void makeWhole() {
    cluster.healAll();
    for (LibertyNode n : cluster.nodes()) {
      if (!n.isRunning()) {
        n.start();
      }
    }
    cluster.awaitAllReady(TestCluster.START_TIMEOUT);
    awaitServing();
  }

  static void awaitServing() {
    for (int i = 1; i <= 3; i++) {
      int node = i;
      eventually(
          CONVERGE,
          () -> assertThat(state(node).getBoolean("serving")).as("node%d serving", node).isTrue());
    }
  }

  static String url(int node, String path) {
    return cluster.node(node).url() + path;
  }

  static JsonObject json(Reply r) {
    return (JsonObject) r.json();
  }

  static JsonObject state(int node) {
    return json(Http.get(url(node, "/cache/state"), T));
  }

  static Reply put(int node, String key, String valueJson) {
    return put(node, key, valueJson, T);
  }

  static Reply put(int node, String key, String valueJson, Duration timeout) {
    return Http.sendJson(
        "PUT", url(node, "/cache/" + key), "{\"value\":" + valueJson + "}", timeout);
  }

  static Reply get(int node, String key) {
    return Http.get(url(node, "/cache/" + key), T);
  }

  /** The state of {@code key}'s line on {@code node}, "I" when it has none. */
  static String lineState(int node, String key) {
    // The largest page: every line of the small caches these stories run.
    JsonObject state = json(Http.get(url(node, "/cache/state?limit=1000"), T));
    for (JsonObject line : state.getJsonArray("lines").getValuesAs(JsonObject.class)) {
      if (line.getString("key").equals(key)) {
        return line.getString("state");
      }
    }
    return "I";
  }

  static String key(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void when_aKeyIsWrittenOnOneNode_then_itHitsThere_andAnotherNodeMissesThenShares() {
    String key = key("seed-hit");
    Reply w = put(1, key, "\"v1\"");
    assertThat(w.status()).as(w.body()).isEqualTo(200);
    assertThat(json(w).getString("state")).isEqualTo(writerState());

    JsonObject onWriter = json(get(1, key));
    assertThat(onWriter.getString("value")).isEqualTo("v1");
    assertThat(onWriter.getString("source")).isEqualTo("local");

    JsonObject elsewhere = json(get(2, key));
    assertThat(elsewhere.getString("value")).isEqualTo("v1");
    assertThat(elsewhere.getString("source")).isIn("peer", "redis");
    assertThat(elsewhere.getString("state")).isEqualTo("SHARED");
    assertThat(lineState(1, key)).isEqualTo("SHARED");

    JsonObject again = json(get(2, key));
    assertThat(again.getString("source")).isEqualTo("local");
    assertThat(lineState(3, key)).isEqualTo("I");
  }

  @Test
  void when_aKeyIsUpdated_then_everyNodeReadsTheNewValue_andTheOldCopiesAreGone() {
    String key = key("seed-update");
    long v1 = json(put(1, key, "\"old\"")).getJsonNumber("version").longValue();
    for (int n = 1; n <= 3; n++) {
      assertThat(json(get(n, key)).getString("value")).isEqualTo("old");
    }

    Reply w = put(2, key, "\"new\"");
    assertThat(w.status()).as(w.body()).isEqualTo(200);
    long v2 = json(w).getJsonNumber("version").longValue();
    assertThat(v2).isGreaterThan(v1);
    assertThat(lineState(1, key)).isEqualTo("I");
    assertThat(lineState(3, key)).isEqualTo("I");
    // (write-back: MODIFIED, or EXCLUSIVE once written back)
    assertThat(lineState(2, key)).isIn(writerState(), "EXCLUSIVE");

    for (int n = 1; n <= 3; n++) {
      JsonObject r = json(get(n, key));
      assertThat(r.getString("value")).as("node%d", n).isEqualTo("new");
      assertThat(r.getJsonNumber("version").longValue()).isGreaterThanOrEqualTo(v2);
    }
  }

  @Test
  void when_aKeyIsInvalidatedOrDeleted_then_everyNodeDropsIt() {
    String key = key("drop");
    put(3, key, "{\"n\":1}");
    get(1, key);
    get(2, key);
    Reply inv = Http.sendJson("POST", url(2, "/cache/invalidate"), "{\"key\":\"" + key + "\"}", T);
    assertThat(inv.status()).as(inv.body()).isEqualTo(200);
    for (int n = 1; n <= 3; n++) {
      assertThat(lineState(n, key)).as("node%d after invalidate", n).isEqualTo("I");
    }
    JsonObject fromRedis = json(get(1, key));
    assertThat(fromRedis.getJsonObject("value").getInt("n")).isEqualTo(1);
    assertThat(fromRedis.getString("state")).isEqualTo("EXCLUSIVE");

    Reply d = Http.sendJson("DELETE", url(3, "/cache/" + key), null, T);
    assertThat(d.status()).isEqualTo(204);
    for (int n = 1; n <= 3; n++) {
      assertThat(get(n, key).status()).as("node%d after delete", n).isEqualTo(404);
    }
  }

  @Test
  void when_writersAndReadersRunOnEveryNode_then_noReadIsOlderThanACompletedWrite()
      throws Exception {
    List<String> keys = List.of(key("conc-a"), key("conc-b"), key("conc-c"));
    CacheHistory history = new CacheHistory();
    AtomicLong seq = new AtomicLong();
    for (String k : keys) {
      write(history, 1, k, "\"init-" + k + "\"");
    }
    long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
    ExecutorService clients = Executors.newFixedThreadPool(9);
    try {
      for (int n = 1; n <= 3; n++) {
        int node = n;
        clients.submit(
            () -> {
              Random random = new Random(node);
              while (System.nanoTime() < until) {
                String k = keys.get(random.nextInt(keys.size()));
                write(history, node, k, "\"w" + node + "-" + seq.incrementAndGet() + "\"");
              }
            });
        for (int r = 0; r < 2; r++) {
          int reader = r;
          clients.submit(
              () -> {
                Random random = new Random(node * 10L + reader);
                while (System.nanoTime() < until) {
                  read(history, node, keys.get(random.nextInt(keys.size())));
                }
              });
        }
      }
    } finally {
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    long reads = history.count(false, 200);
    long writes = history.count(true, 200);
    LOG.info(
        String.format(
            "[%s] concurrent checker: %d reads, %d writes answered 200; %d operations in all",
            getClass().getSimpleName(), reads, writes, history.ops().size()));
    assertThat(history.violations()).isEmpty();
    // Few on a busy 2-core box (operations on one key are serialized cluster-wide); enough to
    // interleave reads and writes on every node.
    assertThat(reads).as("reads answered").isGreaterThan(30);
    assertThat(writes).as("writes answered").isGreaterThan(10);
  }

  static void write(CacheHistory history, int node, String key, String value) {
    long start = System.nanoTime();
    int status = -1;
    long version = 0;
    try {
      Reply r = put(node, key, value);
      status = r.status();
      if (status == 200) {
        version = json(r).getJsonNumber("version").longValue();
      }
    } catch (UncheckedIOException e) {
      // no answer: outcome unknown
    }
    history.add(
        new CacheHistory.Op(true, node, key, start, System.nanoTime(), status, value, version));
  }

  static void read(CacheHistory history, int node, String key) {
    long start = System.nanoTime();
    int status = -1;
    String value = null;
    long version = 0;
    try {
      Reply r = get(node, key);
      status = r.status();
      if (status == 200) {
        JsonObject body = json(r);
        value = body.get("value").toString();
        version = body.getJsonNumber("version").longValue();
      }
    } catch (UncheckedIOException e) {
      // no answer
    }
    history.add(
        new CacheHistory.Op(false, node, key, start, System.nanoTime(), status, value, version));
  }

  @Test
  void
      when_aNodeIsCutOffWhileAnotherWrites_then_itNeverServesTheOldValue_andAfterHealReadsTheNew() {
    String key = key("cut");
    put(1, key, "\"before\"");
    assertThat(json(get(3, key)).getString("value")).isEqualTo("before");
    assertThat(lineState(3, key)).isEqualTo("SHARED");

    cluster.partition(3, 1);
    cluster.partition(3, 2);
    long cutAt = System.nanoTime();
    Reply w = put(1, key, "\"after\"", Duration.ofSeconds(30));
    long writeMs = (System.nanoTime() - cutAt) / 1_000_000;
    LOG.info(
        String.format(
            "[%s] write with node3 cut off returned %d after %d ms",
            getClass().getSimpleName(), w.status(), writeMs));
    assertThat(w.status()).as(w.body()).isEqualTo(200);

    // From now on node3 may refuse (it has lost the majority) but never answer "before".
    List<String> seen = new ArrayList<>();
    long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
    while (System.nanoTime() < until) {
      Reply r = get(3, key);
      seen.add(r.status() + (r.status() == 200 ? " " + json(r).getString("value") : ""));
      assertThat(r.status()).as("node3 during the cut: %s", seen).isIn(200, 503);
      if (r.status() == 200) {
        assertThat(json(r).getString("value")).as("node3 during the cut").isEqualTo("after");
      } else {
        assertThat(json(r).getString("error")).isEqualTo("NO_QUORUM");
      }
    }
    eventually(
        CONVERGE,
        () -> assertThat(state(3).getBoolean("serving")).as("node3 stops serving").isFalse());

    cluster.healAll();
    eventually(
        CONVERGE,
        () -> {
          Reply r = get(3, key);
          assertThat(r.status()).as(r.body()).isEqualTo(200);
          assertThat(json(r).getString("value")).isEqualTo("after");
        });
    LOG.info("[" + getClass().getSimpleName() + "] node3 during the cut answered " + seen);
  }
}
