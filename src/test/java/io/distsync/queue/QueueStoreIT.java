package io.distsync.queue;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.queue.QueueStore.Consumed;
import io.distsync.queue.QueueStore.Delivery;
import io.distsync.queue.QueueStore.NewMessage;
import io.distsync.testing.Ports;
import io.distsync.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The Lua scripts of one partition against a real redis-server (no Liberty): order, visibility,
 * stale receipts, dead letters, redrive, deduplication, delay, nack, concurrent consumers, and a
 * Redis restart from its AOF. Each test uses a queue of its own.
 */
class QueueStoreIT {
  private static final Duration WITHIN = Duration.ofSeconds(10);
  private static RedisServer server;
  private static RedisClient redis;
  private final QueueStore store = new QueueStore();

  @BeforeAll
  static void startRedis() throws Exception {
    Path base = Path.of(System.getProperty("distsync.work.dir", "target/cluster-it"));
    Files.createDirectories(base);
    server =
        new RedisServer(Ports.free(), Files.createTempDirectory(base.toAbsolutePath(), "store-"));
    server.start();
    redis = RedisClient.builder().hostAndPort(new HostAndPort("localhost", server.port())).build();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  private static PartitionKeys fresh() {
    return PartitionKeys.of("store-" + UUID.randomUUID().toString().substring(0, 8), 0);
  }

  private static NewMessage msg(String payload, int priority) {
    return new NewMessage("\"" + payload + "\"", null, priority, null, 0);
  }

  private List<Long> produce(PartitionKeys k, NewMessage... m) {
    return store.produce(redis, k, List.of(m)).seqs();
  }

  private Consumed consume(PartitionKeys k, int max, long visibilityMs) {
    return store.consume(redis, k, max, visibilityMs, 3, Receipts.token(), 100);
  }

  private static List<String> payloads(Consumed c) {
    return c.messages().stream().map(Delivery::payload).toList();
  }

  @Test
  void when_messagesOfMixedPriorityAreProduced_then_higherPriorityComesFirst_thenProduceOrder() {
    PartitionKeys k = fresh();
    produce(k, msg("a", 0), msg("b", 5), msg("c", 0), msg("d", 5), msg("e", 255));
    produce(k, msg("f", 0));

    assertThat(payloads(consume(k, 10, 30_000)))
        .containsExactly("\"e\"", "\"b\"", "\"d\"", "\"a\"", "\"c\"", "\"f\"");
  }

  @Test
  void when_aDeliveryIsNotAckedInTime_then_itIsDeliveredAgain_andTheStaleReceiptAcksNothing() {
    PartitionKeys k = fresh();
    produce(k, msg("x", 0));
    Delivery first = consume(k, 1, 200).messages().get(0);
    assertThat(first.deliveries()).isEqualTo(1);
    assertThat(consume(k, 1, 200).messages()).as("invisible while in flight").isEmpty();

    List<Delivery> again = new ArrayList<>();
    eventually(
        WITHIN,
        () -> {
          again.addAll(consume(k, 1, 30_000).messages());
          assertThat(again).hasSize(1);
        });
    Delivery second = again.get(0);
    assertThat(second.seq()).isEqualTo(first.seq());
    assertThat(second.deliveries()).isEqualTo(2);
    assertThat(second.receipt()).isNotEqualTo(first.receipt());

    assertThat(store.ack(redis, k, List.of(first.receipt())).acked()).isZero();
    QueueStore.Acked acked = store.ack(redis, k, List.of(second.receipt(), second.receipt()));
    assertThat(acked.acked()).isEqualTo(1);
    assertThat(acked.producedAt().get(0)).isPositive();
    QueueStore.Stats s = store.stats(redis, k);
    assertThat(s).isEqualTo(new QueueStore.Stats(0, 0, 0, 0, 1, 1));
    assertThat(redis.exists(k.prefix() + ":m:" + first.seq())).isFalse();
  }

  @Test
  void when_aSlowConsumerAcksAfterItsVisibilityEnded_butBeforeARedelivery_then_theAckCounts() {
    PartitionKeys k = fresh();
    produce(k, msg("slow", 0));
    Delivery d = consume(k, 1, 100).messages().get(0);
    eventually(
        WITHIN,
        () -> {
          consume(k, 0, 100); // background work only: the expired delivery goes back to ready
          assertThat(store.stats(redis, k).ready()).isEqualTo(1);
        });

    assertThat(store.ack(redis, k, List.of(d.receipt())).acked()).isEqualTo(1);
    assertThat(store.stats(redis, k)).isEqualTo(new QueueStore.Stats(0, 0, 0, 0, 1, 1));
  }

  @Test
  void when_aMessageIsDeliveredMaxTimes_then_itIsADeadLetter_andRedriveBringsItBack() {
    PartitionKeys k = fresh();
    long seq = produce(k, msg("poison", 0)).get(0);
    for (int d = 1; d <= 3; d++) {
      int delivery = d;
      eventually(
          WITHIN,
          () -> {
            Consumed c = consume(k, 1, 100);
            assertThat(c.messages()).hasSize(1);
            assertThat(c.messages().get(0).deliveries()).isEqualTo(delivery);
          });
    }
    eventually(
        WITHIN,
        () -> {
          Consumed c = consume(k, 1, 100);
          assertThat(c.messages()).isEmpty();
          assertThat(store.stats(redis, k).dead()).isEqualTo(1);
        });
    List<QueueStore.DeadLetter> dead = store.deadLetters(redis, k, 10);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).seq()).isEqualTo(seq);
    assertThat(dead.get(0).deliveries()).isEqualTo(3);
    assertThat(dead.get(0).payload()).isEqualTo("\"poison\"");

    String lastReceipt = redis.hget(k.prefix() + ":m:" + seq, "l");
    assertThat(store.redrive(redis, k, 1000, List.of())).isEqualTo(1);
    assertThat(store.ack(redis, k, List.of(lastReceipt)).acked())
        .as("a receipt from before the redrive")
        .isZero();

    Consumed back = consume(k, 1, 30_000);
    assertThat(back.messages()).hasSize(1);
    assertThat(back.messages().get(0).seq()).isEqualTo(seq);
    assertThat(back.messages().get(0).deliveries()).isEqualTo(1);
    assertThat(store.stats(redis, k).dead()).isZero();
  }

  @Test
  void when_theSameDeduplicationIdIsProducedTwice_then_oneMessageIsEnqueued() {
    PartitionKeys k = fresh();
    NewMessage m = new NewMessage("1", null, 0, "order-7", 0);
    QueueStore.Produced first = store.produce(redis, k, List.of(m, m));
    QueueStore.Produced second = store.produce(redis, k, List.of(m));

    assertThat(first.added()).isEqualTo(1);
    assertThat(first.seqs().get(1)).isEqualTo(first.seqs().get(0));
    assertThat(second.added()).isZero();
    assertThat(second.seqs()).containsExactly(first.seqs().get(0));
    assertThat(store.stats(redis, k).ready()).isEqualTo(1);
    assertThat(redis.pttl(k.prefix() + ":dd:order-7")).isBetween(290_000L, 300_000L);
  }

  @Test
  void when_aMessageIsDelayed_then_itIsDeliveredOnlyOnceTheDelayIsOver() {
    PartitionKeys k = fresh();
    long produced = System.nanoTime();
    store.produce(redis, k, List.of(new NewMessage("1", null, 0, null, 400)));
    assertThat(store.stats(redis, k).delayed()).isEqualTo(1);
    assertThat(consume(k, 1, 30_000).messages()).isEmpty();

    eventually(WITHIN, () -> assertThat(consume(k, 1, 30_000).messages()).hasSize(1));
    assertThat(Duration.ofNanos(System.nanoTime() - produced))
        .isGreaterThan(Duration.ofMillis(350));
  }

  @Test
  void when_aDeliveryIsNacked_then_itIsReadyAgain_orDeadOnceDeliveredMaxTimes() {
    PartitionKeys k = fresh();
    produce(k, msg("n", 0));
    for (int d = 1; d <= 2; d++) {
      Delivery got = consume(k, 1, 30_000).messages().get(0);
      assertThat(got.deliveries()).isEqualTo(d);
      assertThat(store.nack(redis, k, List.of(got.receipt()), 0, 3))
          .isEqualTo(new QueueStore.Nacked(1, 0));
      assertThat(store.nack(redis, k, List.of(got.receipt()), 0, 3).nacked()).isZero();
    }
    Delivery third = consume(k, 1, 30_000).messages().get(0);
    assertThat(store.nack(redis, k, List.of(third.receipt()), 0, 3))
        .isEqualTo(new QueueStore.Nacked(1, 1));
    assertThat(store.stats(redis, k).dead()).isEqualTo(1);
  }

  @Test
  void when_aNackHasADelay_then_theMessageWaitsThatLong() {
    PartitionKeys k = fresh();
    produce(k, msg("later", 0));
    Delivery got = consume(k, 1, 30_000).messages().get(0);
    store.nack(redis, k, List.of(got.receipt()), 300, 5);
    assertThat(store.stats(redis, k).delayed()).isEqualTo(1);
    assertThat(consume(k, 1, 30_000).messages()).isEmpty();
    eventually(WITHIN, () -> assertThat(consume(k, 1, 30_000).messages()).hasSize(1));
  }

  @Test
  void when_eightConsumersRace_then_everyMessageIsDeliveredExactlyOnce() throws Exception {
    PartitionKeys k = fresh();
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      batch.add(new NewMessage(String.valueOf(i), null, i % 3, null, 0));
    }
    store.produce(redis, k, batch);
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        all.add(
            CompletableFuture.runAsync(
                () -> {
                  while (true) {
                    Consumed c = consume(k, 7, 60_000);
                    if (c.messages().isEmpty()) {
                      return;
                    }
                    c.messages().forEach(d -> seen.add(d.seq()));
                    store.ack(redis, k, c.messages().stream().map(Delivery::receipt).toList());
                  }
                },
                pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(2000);
    assertThat(new HashSet<>(seen)).hasSize(2000);
    assertThat(store.stats(redis, k)).isEqualTo(new QueueStore.Stats(0, 0, 0, 0, 2000, 2000));
  }

  @Test
  void when_redisForgetsItsScripts_then_theyAreLoadedAgain() {
    PartitionKeys k = fresh();
    produce(k, msg("a", 0));
    redis.scriptFlush();
    assertThat(produce(k, msg("b", 0))).hasSize(1);
    assertThat(store.stats(redis, k).ready()).isEqualTo(2);
  }

  @Test
  void when_redisRestarts_then_itReloadsEveryMessageFromItsAof() {
    PartitionKeys k = fresh();
    produce(k, msg("kept-1", 0), msg("kept-2", 1));
    Delivery inFlight = consume(k, 1, 60_000).messages().get(0);
    Set<String> before = new HashSet<>(redis.zrange(k.inFlight(), 0, -1));

    server.stop();
    server.start();

    eventually(
        WITHIN,
        () -> {
          assertThat(store.stats(redis, k)).isEqualTo(new QueueStore.Stats(1, 0, 1, 0, 2, 0));
          assertThat(new HashSet<>(redis.zrange(k.inFlight(), 0, -1))).isEqualTo(before);
        });
    assertThat(store.ack(redis, k, List.of(inFlight.receipt())).acked()).isEqualTo(1);
    assertThat(payloads(consume(k, 5, 30_000))).containsExactly("\"kept-1\"");
  }
}
