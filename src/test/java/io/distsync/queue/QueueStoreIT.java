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

  private QueueStore.Produced produce(PartitionKeys k, List<NewMessage> m) {
    return store.produce(redis, k, PartitionKeys.parse(k.prefix()).queue(), 0, m);
  }

  private List<Long> produce(PartitionKeys k, NewMessage... m) {
    return produce(k, List.of(m)).seqs();
  }

  private Consumed consume(PartitionKeys k, int max, long visibilityMs) {
    return store.consume(redis, k, max, visibilityMs, 3, Receipts.token(), 100, List.of());
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
  void when_aConsumeCarriesTheLastReceipt_then_itIsAckedBeforeTheNextMessageIsTaken() {
    PartitionKeys k = fresh();
    produce(k, msg("one", 0), msg("two", 0));
    Delivery first = consume(k, 1, 30_000).messages().get(0);

    Consumed next =
        store.consume(
            redis, k, 1, 30_000, 3, Receipts.token(), 100, List.of(first.receipt(), "9.bogus"));

    assertThat(next.ackedProducedAt()).hasSize(1);
    assertThat(next.ackedProducedAt().get(0)).isPositive();
    assertThat(payloads(next)).containsExactly("\"two\"");
    assertThat(store.stats(redis, k)).isEqualTo(new QueueStore.Stats(0, 0, 1, 0, 2, 1));
    assertThat(redis.exists(k.prefix() + ":m:" + first.seq())).isFalse();
    assertThat(store.ack(redis, k, List.of(first.receipt())).acked())
        .as("a receipt acks once")
        .isZero();
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
    QueueStore.Produced first = produce(k, List.of(m, m));
    QueueStore.Produced second = produce(k, List.of(m));

    assertThat(first.added()).isEqualTo(1);
    assertThat(first.seqs().get(1)).isEqualTo(first.seqs().get(0));
    assertThat(second.added()).isZero();
    assertThat(second.seqs()).containsExactly(first.seqs().get(0));
    assertThat(store.stats(redis, k).ready()).isEqualTo(1);
    String incarnation = redis.hget(k.meta(), "inc");
    assertThat(incarnation).isNotBlank();
    assertThat(redis.pttl(k.prefix() + ":dd:" + incarnation + ":order-7"))
        .isBetween(290_000L, 300_000L);
  }

  @Test
  void when_aMessageIsDelayed_then_itIsDeliveredOnlyOnceTheDelayIsOver() {
    PartitionKeys k = fresh();
    long produced = System.nanoTime();
    produce(k, List.of(new NewMessage("1", null, 0, null, 400)));
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
    produce(k, batch);
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

  private Double due(PartitionKeys k) {
    return redis.zscore(PartitionKeys.DUE, k.prefix());
  }

  @Test
  void when_workIsAhead_then_thePartitionIsInTheDueIndexAtItsTime_andLeavesItWhenNoneIsLeft() {
    PartitionKeys k = fresh();
    produce(k, msg("now", 0));
    assertThat(due(k)).as("nothing delayed or in flight: nothing due").isNull();

    produce(k, List.of(new NewMessage("1", null, 0, null, 600_000)));
    Double delayed = due(k);
    assertThat(delayed).isNotNull();

    Delivery d = consume(k, 1, 1_000).messages().get(0);
    assertThat(due(k)).as("the visibility deadline comes first").isLessThan(delayed);
    assertThat(store.due(redis, 1000).entries())
        .extracting(QueueStore.DueEntry::prefix)
        .doesNotContain(k.prefix());

    store.ack(redis, k, List.of(d.receipt()));
    store.consume(redis, k, 0, 1, 3, "sweep", 100, List.of());
    assertThat(due(k)).as("after a pass: the delayed message is next").isEqualTo(delayed);

    store.purge(redis, k, 1000, false);
    assertThat(due(k)).isNull();
  }

  @Test
  void when_aVisibilityTimeoutPasses_then_thePartitionIsDue_andOnePassRedeliversIt() {
    PartitionKeys k = fresh();
    produce(k, msg("slow", 0));
    consume(k, 1, 200);
    eventually(
        WITHIN,
        () ->
            assertThat(store.due(redis, 1000).entries())
                .extracting(QueueStore.DueEntry::prefix)
                .contains(k.prefix()));
    Consumed pass = store.consume(redis, k, 0, 1, 3, "sweep", 100, List.of());
    assertThat(pass.reclaimed()).isEqualTo(1);
    assertThat(due(k)).isNull();
    assertThat(store.stats(redis, k).ready()).isEqualTo(1);
  }

  @Test
  void when_aNackDelays_then_thePartitionIsDueAtTheDelay() {
    PartitionKeys k = fresh();
    produce(k, msg("n", 0));
    Delivery d = consume(k, 1, 600_000).messages().get(0);
    double visibility = due(k);
    store.nack(redis, k, List.of(d.receipt()), 1_000, 5);
    assertThat(due(k)).isLessThan(visibility);
  }

  @Test
  void when_theShardHoldsTheMostQueues_then_aNewQueueIsRefused_andKnownOnesGoOn() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    long before = redis.zcard(PartitionKeys.NAMES);
    int cap = (int) before + 2;
    PartitionKeys a = PartitionKeys.of("cap-a-" + tag, 0);
    PartitionKeys b = PartitionKeys.of("cap-b-" + tag, 0);
    PartitionKeys c = PartitionKeys.of("cap-c-" + tag, 0);
    assertThat(store.produce(redis, a, "cap-a-" + tag, cap, List.of(msg("1", 0))).refused())
        .isFalse();
    assertThat(store.produce(redis, b, "cap-b-" + tag, cap, List.of(msg("1", 0))).refused())
        .isFalse();
    QueueStore.Produced refused =
        store.produce(redis, c, "cap-c-" + tag, cap, List.of(msg("1", 0)));
    assertThat(refused.refused()).isTrue();
    assertThat(store.stats(redis, c).ready()).isZero();
    assertThat(redis.zscore(PartitionKeys.NAMES, "cap-c-" + tag)).isNull();
    assertThat(store.produce(redis, a, "cap-a-" + tag, cap, List.of(msg("2", 0))).refused())
        .isFalse();
    assertThat(store.stats(redis, a).ready()).isEqualTo(2);
  }

  @Test
  void when_aPartitionIsPurged_then_everyMessageGoes_inBatches_andTotalsStay() {
    PartitionKeys k = fresh();
    produce(k, msg("r1", 0), msg("r2", 0), msg("f", 0), msg("x", 0));
    produce(k, List.of(new NewMessage("1", null, 0, null, 600_000)));
    Delivery inFlight = consume(k, 1, 60_000).messages().get(0);
    long dropped = store.purge(redis, k, 2, false);
    assertThat(dropped).isEqualTo(5);
    assertThat(store.stats(redis, k)).isEqualTo(new QueueStore.Stats(0, 0, 0, 0, 5, 0));
    assertThat(redis.keys(k.prefix() + ":m:*")).isEmpty();
    assertThat(store.ack(redis, k, List.of(inFlight.receipt())).acked()).isZero();
    assertThat(produce(k, msg("after", 0)).get(0)).as("ids go on, never reused").isEqualTo(6L);
  }

  @Test
  void when_aPartitionIsDeleted_then_nothingOfItStays_andItsDedupIdsNoLongerMatch() {
    PartitionKeys k = fresh();
    String queue = PartitionKeys.parse(k.prefix()).queue();
    NewMessage m = new NewMessage("\"m\"", null, 0, "order-1", 0);
    produce(k, List.of(m));
    store.purge(redis, k, 1000, true);
    redis.zrem(PartitionKeys.NAMES, queue);
    assertThat(redis.keys(k.prefix() + "*")).allMatch(key -> key.contains(":dd:"));
    assertThat(redis.exists(k.meta())).isFalse();

    QueueStore.Produced again = produce(k, List.of(m));
    assertThat(again.added()).as("a new queue of the same name: a new message").isEqualTo(1);
    assertThat(store.stats(redis, k).ready()).isEqualTo(1);
  }

  @Test
  void when_queuesOfAnEarlierVersionExist_then_theyMoveToTheIndexes_inPages() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      names.add("legacy-" + tag + "-" + i);
    }
    redis.sadd(PartitionKeys.LEGACY_NAMES, names.toArray(String[]::new));
    PartitionKeys first = PartitionKeys.of(names.get(0), 0);
    // An earlier version's delivery: in flight, with no due entry.
    produce(first, msg("old", 0));
    consume(first, 1, 60_000);
    redis.zrem(PartitionKeys.DUE, first.prefix());
    redis.zrem(PartitionKeys.NAMES, names.get(0));

    RedisShards.Shard shard = new RedisShards.Shard(0, "test", null, redis);
    LegacyNames legacy = new LegacyNames(store, List.of(shard));
    int steps = 0;
    while (legacy.pending() && steps < 100) {
      legacy.step(shard, 1, 3, (q, p) -> true);
      steps++;
    }
    assertThat(legacy.pending()).isFalse();
    assertThat(steps).as("a page per step").isGreaterThan(1);
    assertThat(redis.exists(PartitionKeys.LEGACY_NAMES)).isFalse();
    for (String n : names) {
      assertThat(redis.zscore(PartitionKeys.NAMES, n)).as(n).isNotNull();
    }
    assertThat(due(first)).isNotNull();
  }
}
