package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.QueueApi;
import io.distsync.testing.RedisSentinels;
import io.distsync.testing.TestCluster;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the Redis primary under load, with two replicas, three sentinels and {@code
 * REDIS_MIN_REPLICAS_ACK=1}: the queue and the cache serve again within 10 s, no produce that
 * answered 201 is lost, no message is delivered again after its ack answered, every acknowledged
 * cache write is read afterwards, and every 5xx is a 503 with Retry-After.
 */
class RedisFailoverIT {
  private static final Duration T = Duration.ofSeconds(10);
  private static final String QUEUE = "failover";
  private static final int WRITERS = 2;
  private static final int KEYS_PER_WRITER = 10;

  private static TestCluster cluster;

  private final Set<String> produced = ConcurrentHashMap.newKeySet();
  private final Set<String> consumed = ConcurrentHashMap.newKeySet();

  /** Payload to the time its ack answered 200. */
  private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();

  /** Key to the value of its last acknowledged write. */
  private final Map<String, String> lastAcked = new ConcurrentHashMap<>();

  /** Key to the values written after its last acknowledged one, not acknowledged (may be kept). */
  private final Map<String, List<String>> unsure = new ConcurrentHashMap<>();

  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicLong killedAt = new AtomicLong();
  private final AtomicLong queueBackAt = new AtomicLong();
  private final AtomicLong cacheBackAt = new AtomicLong();
  private volatile boolean producing = true;
  private volatile boolean consuming = true;

  @BeforeAll
  static void start() {
    cluster = TestCluster.startWithSentinels(3, 2, Map.of("REDIS_MIN_REPLICAS_ACK", "1"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aKilledPrimaryLosesNoAcknowledgedWrite() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      String name = "p" + p;
      threads.add(new Thread(() -> produce(name), "produce-" + name));
    }
    for (int c = 0; c < 2; c++) {
      String name = "c" + c;
      threads.add(new Thread(() -> consume(name), "consume-" + name));
    }
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      threads.add(new Thread(() -> write(writer), "cache-" + w));
    }
    threads.forEach(Thread::start);
    eventually(
        Duration.ofSeconds(30),
        () ->
            assertThat(produced.size() > 50 && lastAcked.size() == 2 * KEYS_PER_WRITER)
                .as(
                    "traffic flows: %d produced, %d consumed, %d cache keys written; %s",
                    produced.size(), consumed.size(), lastAcked.size(), violations)
                .isTrue());

    RedisSentinels group = cluster.sentinels();
    killedAt.set(System.nanoTime());
    int killed = group.killPrimary();
    group.awaitPrimaryOtherThan(killed, Duration.ofSeconds(30));
    eventually(
        Duration.ofSeconds(30),
        "queue and cache serve again",
        () -> queueBackAt.get() != 0 && cacheBackAt.get() != 0);
    long backMs = (Math.max(queueBackAt.get(), cacheBackAt.get()) - killedAt.get()) / 1_000_000;
    System.out.printf(
        "[RedisFailoverIT] primary %d killed; queue back after %d ms, cache after %d ms%n",
        killed,
        (queueBackAt.get() - killedAt.get()) / 1_000_000,
        (cacheBackAt.get() - killedAt.get()) / 1_000_000);
    int before = produced.size();
    eventually(T, "traffic flows on the new primary", () -> produced.size() > before + 50);

    producing = false;
    eventually(
        Duration.ofSeconds(60),
        () ->
            assertThat(produced)
                .as("produces answered 201 but not consumed yet")
                .allMatch(consumed::contains));
    consuming = false;
    for (Thread t : threads) {
      t.join(QueueApi.READ.toMillis() * 2);
    }

    for (int n = 1; n <= 3; n++) {
      for (String key : lastAcked.keySet()) {
        Http.Reply r = Http.get(cluster.node(n).url() + "/cache/" + key, T);
        assertThat(r.status()).as("GET %s on node%d: %s", key, n, r.body()).isEqualTo(200);
        String value = ((JsonObject) r.json()).getString("value");
        List<String> allowed = new ArrayList<>(unsure.getOrDefault(key, List.of()));
        allowed.add(lastAcked.get(key));
        assertThat(allowed).as("%s on node%d", key, n).contains(value);
      }
    }
    System.out.printf(
        "[RedisFailoverIT] %d produced, %d consumed, %d acked, %d cache keys checked%n",
        produced.size(), consumed.size(), ackedAt.size(), lastAcked.size());
    assertThat(violations).isEmpty();
    assertThat(backMs).as("ms until queue and cache serve again").isLessThan(10_000);
  }

  private String node() {
    return cluster.node(1 + ThreadLocalRandom.current().nextInt(3)).url();
  }

  private void produce(String name) {
    for (int i = 0; producing; i++) {
      String payload = name + ":" + i;
      String body = Json.createObjectBuilder().add("payload", payload).build().toString();
      long started = System.nanoTime();
      try {
        Http.Reply r = Http.sendJson("POST", node() + "/queues/" + QUEUE + "/messages", body, T);
        if (r.status() == 201) {
          produced.add(payload);
          back(queueBackAt, started);
        } else {
          note("produce", r);
        }
      } catch (RuntimeException | AssertionError e) {
        violations.add("produce " + payload + " unanswered: " + e);
      }
    }
  }

  private void consume(String name) {
    String body =
        Json.createObjectBuilder()
            .add("consumer", name)
            .add("max", 20)
            .add("visibilityMs", 10_000)
            .add("waitMs", 500)
            .build()
            .toString();
    while (consuming) {
      String at = node();
      long started = System.nanoTime();
      try {
        Http.Reply r = Http.sendJson("POST", at + "/queues/" + QUEUE + "/consume", body, T);
        if (r.status() != 200) {
          note("consume", r);
          continue;
        }
        List<String> receipts = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (JsonValue v : ((JsonObject) r.json()).getJsonArray("messages")) {
          JsonObject m = v.asJsonObject();
          String payload = m.getString("payload");
          Long acked = ackedAt.get(payload);
          if (acked != null && acked < started) {
            violations.add(payload + " delivered again after its ack answered");
          }
          receipts.add(m.getString("receipt"));
          payloads.add(payload);
        }
        if (receipts.isEmpty()) {
          continue;
        }
        String ack =
            Json.createObjectBuilder()
                .add("receipts", Json.createArrayBuilder(receipts))
                .build()
                .toString();
        Http.Reply a = Http.sendJson("POST", at + "/queues/" + QUEUE + "/ack", ack, T);
        if (a.status() == 200) {
          long now = System.nanoTime();
          payloads.forEach(p -> ackedAt.put(p, now));
          consumed.addAll(payloads);
        } else {
          note("ack", a);
        }
      } catch (RuntimeException | AssertionError e) {
        violations.add("consume unanswered: " + e);
      }
    }
  }

  private void write(int writer) {
    for (int i = 0; producing; i++) {
      String key = "fk" + writer + "-" + (i % KEYS_PER_WRITER);
      String value = "w" + writer + "-" + i;
      long started = System.nanoTime();
      try {
        Http.Reply r =
            Http.sendJson("PUT", node() + "/cache/" + key, "{\"value\":\"" + value + "\"}", T);
        if (r.status() / 100 == 2) {
          lastAcked.put(key, value);
          unsure.remove(key);
          back(cacheBackAt, started);
        } else {
          unsure.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
          note("cache put", r);
        }
      } catch (RuntimeException | AssertionError e) {
        unsure.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        violations.add("cache put " + key + " unanswered: " + e);
      }
    }
  }

  /**
   * The first success of a call sent after the kill (so served by the new primary) marks when the
   * service was back.
   */
  private void back(AtomicLong at, long started) {
    long killed = killedAt.get();
    if (killed != 0 && started > killed && at.get() == 0) {
      at.compareAndSet(0, System.nanoTime());
    }
  }

  private void note(String what, Http.Reply r) {
    if (r.status() >= 500 && (r.status() != 503 || r.header("Retry-After") == null)) {
      violations.add(what + ": " + r.status() + " " + r.body());
    }
  }
}
