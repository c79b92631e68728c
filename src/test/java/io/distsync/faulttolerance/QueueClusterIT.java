package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.LibertyNode;
import io.distsync.testing.QueueApi;
import io.distsync.testing.QueueApi.Message;
import io.distsync.testing.TestCluster;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue on three real nodes and a real Redis (issue 6, tests): order, many producers and
 * consumers, redelivery to another consumer, dead letters and redrive, a node killed while its
 * consumers hold messages (its partitions' background work moves), everything stopped and started
 * again, and a Redis outage. Queues have 6 partitions here, so each node owns some. One cluster for
 * the class; every test leaves it whole (Redis and all nodes running), so the order does not
 * matter.
 */
class QueueClusterIT {
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(QueueClusterIT.class.getName());
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final int PARTITIONS = 6;
  private static final int MAX_DELIVERIES = 3;
  private static final Map<String, String> ENV =
      Map.of(
          "QUEUE_PARTITIONS",
          String.valueOf(PARTITIONS),
          "QUEUE_MAX_DELIVERIES",
          String.valueOf(MAX_DELIVERIES),
          "QUEUE_SWEEP_INTERVAL",
          "200",
          "PEER_PROBE_INTERVAL",
          "500");

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

  @AfterEach
  void makeWhole() {
    if (!cluster.redis().isRunning()) {
      cluster.redis().start();
    }
    for (LibertyNode n : cluster.nodes()) {
      if (!n.isRunning()) {
        n.start();
      }
    }
    cluster.awaitAllReady(TestCluster.START_TIMEOUT);
  }

  private static QueueApi api(int node) {
    return QueueApi.of(cluster.node(node));
  }

  private static String queue(String story) {
    return story + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonObject msg(Object n, String key, int priority) {
    var b = Json.createObjectBuilder().add("payload", String.valueOf(n)).add("priority", priority);
    if (key != null) {
      b.add("key", key);
    }
    return b.build();
  }

  private static List<String> payloads(List<Message> messages) {
    return messages.stream().map(m -> ((jakarta.json.JsonString) m.payload()).getString()).toList();
  }

  @Test
  void when_messagesShareAKey_then_theyComeInProduceOrder_higherPriorityFirst_andQueuesDoNotMix() {
    String a = queue("fifo-a");
    String b = queue("fifo-b");
    // Produced one by one through all three nodes: the partition's order is Redis's, not a node's.
    for (int i = 0; i < 12; i++) {
      api(i % 3 + 1).produce(a, List.of(msg(i, "same-key", 0)));
      api(i % 3 + 1).produce(b, List.of(msg("b" + i, "same-key", 0)));
    }
    api(2).produce(a, List.of(msg("low", "same-key", 1), msg("high", "same-key", 9)));
    api(3).produce(a, List.of(msg("mid", "same-key", 5), msg("high-2", "same-key", 9)));

    List<String> got = payloads(api(2).consume(a, "reader", 100, 30_000, 0));

    List<String> expected = new ArrayList<>(List.of("high", "high-2", "mid", "low"));
    IntStream.range(0, 12).forEach(i -> expected.add(String.valueOf(i)));
    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(payloads(api(3).consume(b, "reader", 100, 30_000, 0)))
        .containsExactlyElementsOf(IntStream.range(0, 12).mapToObj(i -> "b" + i).toList());
    assertThat(api(1).consume(a, "reader", 100, 30_000, 0)).isEmpty();
  }

  @Test
  void when_fourProducersAndFourConsumersMove10000Messages_then_noneIsLost_andNoneIsAckedTwice()
      throws Exception {
    String q = queue("load");
    int producers = 4;
    int perProducer = 2500;
    int total = producers * perProducer;
    Map<String, Integer> deliveredPayloads = new ConcurrentHashMap<>();
    AtomicInteger acked = new AtomicInteger();
    AtomicInteger ackCalls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(producers + 4);
    long start = System.nanoTime();
    try {
      List<CompletableFuture<Void>> work = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        QueueApi via = api(p % 3 + 1);
        work.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int batch = 0; batch < perProducer / 100; batch++) {
                    List<JsonObject> messages = new ArrayList<>();
                    for (int k = 0; k < 100; k++) {
                      messages.add(msg(producer + ":" + (batch * 100 + k), null, 0));
                    }
                    via.produce(q, messages);
                  }
                },
                pool));
      }
      for (int c = 0; c < 4; c++) {
        QueueApi via = api(c % 3 + 1);
        String name = "consumer-" + c;
        work.add(
            CompletableFuture.runAsync(
                () -> {
                  long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                  while (acked.get() < total && System.nanoTime() < deadline) {
                    List<Message> got = via.consume(q, name, 100, 60_000, 500);
                    if (got.isEmpty()) {
                      continue;
                    }
                    payloads(got).forEach(p -> deliveredPayloads.merge(p, 1, Integer::sum));
                    acked.addAndGet(via.ack(q, got.stream().map(Message::receipt).toList()));
                    ackCalls.incrementAndGet();
                  }
                },
                pool));
      }
      CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get();
    } finally {
      pool.shutdownNow();
    }
    LOG.info(
        String.format(
            "[QueueClusterIT] 10,000 messages through 4 producers and 4 consumers in %d ms"
                + " (%d ack calls)",
            (System.nanoTime() - start) / 1_000_000, ackCalls.get()));

    assertThat(acked.get()).as("messages acked").isEqualTo(total);
    assertThat(deliveredPayloads).hasSize(total);
    assertThat(deliveredPayloads.values()).as("deliveries per message").allMatch(n -> n == 1);
    Set<String> expected = new HashSet<>();
    for (int p = 0; p < producers; p++) {
      for (int k = 0; k < perProducer; k++) {
        expected.add(p + ":" + k);
      }
    }
    assertThat(deliveredPayloads.keySet()).isEqualTo(expected);
    JsonObject stats = api(2).stats(q);
    assertThat(stats.getInt("produced")).isEqualTo(total);
    assertThat(stats.getInt("acked")).isEqualTo(total);
    assertThat(stats.getInt("ready") + stats.getInt("inFlight") + stats.getInt("delayed")).isZero();
  }

  @Test
  void
      when_aConsumerNeverAcks_then_anotherGetsTheMessage_thenItIsADeadLetter_andRedriveBringsItBack() {
    String q = queue("poison");
    String id = api(1).produce(q, List.of(msg("poison", "k", 0))).get(0);

    Message first = api(1).consume(q, "never-acks", 1, 1000, 0).get(0);
    assertThat(first.deliveries()).isEqualTo(1);
    // Another consumer on another node waits; it gets the message once the first's visibility ends.
    List<Message> second = api(2).consume(q, "other", 1, 1000, 10_000);
    assertThat(second).hasSize(1);
    assertThat(second.get(0).id()).isEqualTo(id);
    assertThat(second.get(0).deliveries()).isEqualTo(2);
    assertThat(api(3).ack(q, List.of(first.receipt()))).as("a stale receipt acks nothing").isZero();

    List<Message> third = api(3).consume(q, "third", 1, 1000, 10_000);
    assertThat(third.get(0).deliveries()).isEqualTo(MAX_DELIVERIES);
    eventually(
        CONVERGE,
        () -> {
          JsonObject dead = api(2).deadLetters(q);
          assertThat(dead.getInt("total")).isEqualTo(1);
          JsonObject d = dead.getJsonArray("messages").getJsonObject(0);
          assertThat(d.getString("id")).isEqualTo(id);
          assertThat(d.getInt("deliveries")).isEqualTo(MAX_DELIVERIES);
        });
    assertThat(api(1).stats(q).getInt("deadLettered")).isEqualTo(1);
    assertThat(api(1).consume(q, "anyone", 1, 1000, 0)).isEmpty();

    assertThat(api(3).redrive(q)).isEqualTo(1);

    Message back = api(1).consume(q, "fixed", 1, 30_000, 5_000).get(0);
    assertThat(back.id()).isEqualTo(id);
    assertThat(back.deliveries()).isEqualTo(1);
    assertThat(api(2).ack(q, List.of(back.receipt()))).isEqualTo(1);
    assertThat(api(2).deadLetters(q).getInt("total")).isZero();
  }

  @Test
  void
      when_aNodeIsKilledWhileItsConsumersHoldMessages_then_theyAreDeliveredAgain_andItsPartitionsMove()
          throws Exception {
    String q = queue("kill");
    List<JsonObject> messages = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      messages.add(msg(i, "key-" + i, 0));
    }
    api(1).produce(q, messages);
    int victim = victimOwningPartitionsOf(q);
    List<Integer> survivors = IntStream.rangeClosed(1, 3).filter(i -> i != victim).boxed().toList();
    Set<Integer> victimPartitions =
        partitionsOwnedBy(api(survivors.get(0)).ring(), q, "node" + victim);
    LOG.info("[QueueClusterIT] killing node" + victim + ", owner of " + q + " " + victimPartitions);

    List<Message> held = api(victim).consume(q, "doomed", 12, 3000, 0);
    assertThat(held).hasSize(12);
    cluster.node(victim).kill();

    // The survivors agree that the victim is gone and that they own all the queue's partitions.
    eventually(
        CONVERGE,
        () -> {
          Map<Integer, String> first = null;
          for (int s : survivors) {
            JsonObject ring = api(s).ring();
            assertThat(memberLive(ring, "node" + victim))
                .as("node%d sees the victim live", s)
                .isFalse();
            Map<Integer, String> owners = owners(ring, q);
            assertThat(owners).hasSize(PARTITIONS);
            assertThat(owners.values()).allMatch(o -> !o.equals("node" + victim));
            if (first != null) {
              assertThat(owners).isEqualTo(first);
            }
            first = owners;
          }
        });
    // The victim restarts meanwhile (its start overlaps the checks below, to keep the suite short).
    cluster.node(victim).start();
    // The new owners' background work reclaims the held messages without any consumer.
    eventually(
        CONVERGE,
        () -> {
          JsonObject stats = api(survivors.get(0)).stats(q);
          assertThat(stats.getInt("inFlight")).isZero();
          assertThat(stats.getInt("ready")).isEqualTo(30);
        });

    Map<String, Integer> deliveries = new HashMap<>();
    eventually(
        CONVERGE,
        () -> {
          for (int s : survivors) {
            List<Message> got = api(s).consume(q, "survivor-" + s, 10, 30_000, 0);
            got.forEach(m -> deliveries.put(m.id(), m.deliveries()));
            if (!got.isEmpty()) {
              api(s).ack(q, got.stream().map(Message::receipt).toList());
            }
          }
          assertThat(deliveries).hasSize(30);
        });
    for (Message h : held) {
      assertThat(deliveries.get(h.id())).as("deliveries of held %s", h.id()).isEqualTo(2);
    }
  }

  @Test
  void when_allNodesAreKilledAndRedisStops_andAllStartAgain_then_everyUnackedMessageIsStillThere() {
    String q = queue("restart");
    List<JsonObject> messages = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      messages.add(msg(i, i % 2 == 0 ? null : "k" + i, i % 3));
    }
    api(1).produce(q, messages.subList(0, 30));
    api(2).produce(q, messages.subList(30, 60));
    List<Message> taken = api(3).consume(q, "before", 20, 2000, 0);
    assertThat(taken).hasSize(20);
    List<Message> ackedNow = taken.subList(0, 10);
    assertThat(api(3).ack(q, ackedNow.stream().map(Message::receipt).toList())).isEqualTo(10);
    Set<String> ackedPayloads = new HashSet<>(payloads(ackedNow));

    // kill -9 of every node (harsher than a clean stop: nothing of the queue lives in a node),
    // then a clean Redis stop, which writes its AOF out.
    cluster.nodes().forEach(LibertyNode::kill);
    cluster.redis().stop();
    cluster.redis().start();
    cluster.nodes().forEach(LibertyNode::start);
    cluster.awaitAllReady(TestCluster.START_TIMEOUT);

    Set<String> after = new HashSet<>();
    eventually(
        CONVERGE,
        () -> {
          for (int n = 1; n <= 3; n++) {
            List<Message> got = api(n).consume(q, "after", 50, 30_000, 0);
            after.addAll(payloads(got));
            if (!got.isEmpty()) {
              api(n).ack(q, got.stream().map(Message::receipt).toList());
            }
          }
          assertThat(after).hasSize(50);
        });
    Set<String> expected = new HashSet<>();
    IntStream.range(0, 60).forEach(i -> expected.add(String.valueOf(i)));
    expected.removeAll(ackedPayloads);
    assertThat(after).isEqualTo(expected);
    assertThat(api(1).stats(q).getInt("produced")).isEqualTo(60);
  }

  @Test
  void when_redisIsDown_then_queueCallsAnswer503_andServiceReturnsWhenItIsBack() {
    String q = queue("outage");
    api(1).produce(q, List.of(msg("before", null, 0)));

    cluster.redis().stop();

    for (int n = 1; n <= 3; n++) {
      QueueApi via = api(n);
      Http.Reply produce = via.post("/queues/" + q + "/messages", "{\"payload\":1}", QueueApi.READ);
      assertThat(produce.status()).as(produce.body()).isEqualTo(503);
      assertThat(((JsonObject) produce.json()).getString("error")).isEqualTo("REDIS_UNAVAILABLE");
      assertThat(produce.header("Retry-After")).isNotNull();
      Http.Reply consume =
          via.post(
              "/queues/" + q + "/consume", "{\"consumer\":\"c\",\"waitMs\":200}", QueueApi.READ);
      assertThat(consume.status()).as(consume.body()).isEqualTo(503);
      assertThat(via.get("/queues/" + q).status()).isEqualTo(503);
    }

    cluster.redis().start();

    eventually(
        CONVERGE,
        () -> {
          for (int n = 1; n <= 3; n++) {
            api(n).produce(q, List.of(msg("after-" + n, null, 0)));
          }
        });
    Set<String> got = new HashSet<>();
    eventually(
        CONVERGE,
        () -> {
          got.addAll(payloads(api(2).consume(q, "c", 10, 30_000, 0)));
          assertThat(got).contains("before", "after-1", "after-2", "after-3");
        });
  }

  private static int victimOwningPartitionsOf(String q) {
    JsonObject ring = api(1).ring();
    for (int n : new int[] {3, 2, 1}) {
      if (!partitionsOwnedBy(ring, q, "node" + n).isEmpty()) {
        return n;
      }
    }
    throw new AssertionError("no node owns a partition of " + q + ": " + ring);
  }

  private static Set<Integer> partitionsOwnedBy(JsonObject ring, String q, String node) {
    Set<Integer> out = new HashSet<>();
    owners(ring, q)
        .forEach(
            (p, owner) -> {
              if (owner.equals(node)) {
                out.add(p);
              }
            });
    return out;
  }

  private static Map<Integer, String> owners(JsonObject ring, String q) {
    Map<Integer, String> out = new HashMap<>();
    for (JsonValue v : ring.getJsonArray("queues")) {
      JsonObject qr = v.asJsonObject();
      if (qr.getString("queue").equals(q)) {
        for (JsonValue p : qr.getJsonArray("partitions")) {
          JsonObject po = p.asJsonObject();
          out.put(po.getInt("partition"), po.getString("owner"));
        }
      }
    }
    return out;
  }

  private static boolean memberLive(JsonObject ring, String id) {
    for (JsonValue v : ring.getJsonArray("members")) {
      if (v.asJsonObject().getString("id").equals(id)) {
        return v.asJsonObject().getBoolean("live");
      }
    }
    throw new AssertionError(id + " is not on the ring: " + ring);
  }
}
