package io.distsync.client;

import static io.distsync.client.ClientFixtures.unique;
import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.QueueApi;
import io.distsync.testing.TestCluster;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's queue subscriber against a real cluster: exactly once without failures, at least
 * once when a subscription is closed abruptly while its handlers run, and a subscriber that goes on
 * when a node it polls is killed. One cluster for the class; each test has its own queue.
 */
class ClientQueueIT {
  private static final Duration CONVERGE = Duration.ofSeconds(120);

  static TestCluster cluster;
  static DistSync client;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(3, Map.of("QUEUE_SWEEP_INTERVAL", "200"));
    client = ClientFixtures.direct(cluster).deadline(Duration.ofSeconds(60)).build();
  }

  @AfterAll
  static void stopCluster() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void makeWhole() {
    cluster.restoreAll();
  }

  private static List<String> sendNumbers(DistributedQueue q, int from, int count) {
    List<Message> batch =
        IntStream.range(from, from + count).mapToObj(i -> Message.of(Map.of("n", i))).toList();
    return q.sendBatch(batch).ids();
  }

  private static JsonObject figures(String queue) {
    return QueueApi.of(cluster.node(1)).stats(queue);
  }

  @Test
  void when_eightWorkersConsumeTenThousandMessages_then_eachIsHandledExactlyOnce() {
    DistributedQueue q = client.queue(unique("exactly-once"));
    List<String> ids = sendNumbers(q, 0, 10_000);
    assertThat(Set.copyOf(ids)).hasSize(10_000);
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();

    try (Subscription s =
        q.subscribe(
            m -> handled.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet(),
            SubscribeOptions.builder().concurrency(8).maxMessages(100).build())) {
      eventually(CONVERGE, "every message handled", () -> handled.size() == 10_000);
      eventually(
          CONVERGE,
          () -> {
            JsonObject f = figures(q.name());
            assertThat(f.getInt("acked")).as("acked").isEqualTo(10_000);
            assertThat(f.getInt("inFlight") + f.getInt("ready")).as("left").isZero();
          });
    }
    assertThat(handled.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(handled.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void when_aSubscriptionIsClosedAbruptlyWhileHandlersRun_then_aNewOneHandlesEveryMessage()
      throws Exception {
    DistributedQueue q = client.queue(unique("at-least-once"));
    List<String> ids = sendNumbers(q, 0, 2_000);
    Set<String> done = ConcurrentHashMap.newKeySet();
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    SubscribeOptions options =
        SubscribeOptions.builder().concurrency(8).visibility(Duration.ofSeconds(5)).build();

    Subscription first =
        q.subscribe(
            m -> {
              if (started.incrementAndGet() > 500) {
                never.await(); // stuck handlers: the subscription dies with them in flight
              }
              done.add(m.id());
            },
            options);
    eventually(CONVERGE, "handlers stuck", () -> first.inFlight() == 8);
    first.stop(Duration.ZERO); // abrupt: nothing finishes, the deliveries are nacked
    assertThat(done).hasSizeLessThan(ids.size());

    try (Subscription second = q.subscribe(m -> done.add(m.id()), options)) {
      eventually(CONVERGE, "every message handled at least once", () -> done.size() == ids.size());
    }
    assertThat(done).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void when_aHandlerRunsPastTheVisibility_then_itsDeliveryIsExtended_notRedelivered() {
    DistributedQueue q = client.queue(unique("slow"));
    q.send(Map.of("slow", true));
    List<Integer> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    long[] started = {0};
    try (Subscription s =
        q.subscribe(
            m -> {
              deliveries.add(m.deliveries());
              started[0] = System.nanoTime();
              release.await();
            },
            SubscribeOptions.builder()
                .concurrency(2)
                .visibility(Duration.ofMillis(1500))
                .pollWait(Duration.ofMillis(500))
                .build())) {
      eventually(CONVERGE, "the handler runs", () -> !deliveries.isEmpty());
      // Three visibility timeouts with the handler still running: without extensions, the
      // message would have been delivered again to the other free worker.
      eventually(
          Duration.ofSeconds(30),
          () -> {
            assertThat(System.nanoTime() - started[0]).isGreaterThan(4_500_000_000L);
            JsonObject f = figures(q.name());
            assertThat(f.getInt("inFlight")).as("in flight").isEqualTo(1);
          });
      release.countDown();
      eventually(CONVERGE, () -> assertThat(figures(q.name()).getInt("acked")).isEqualTo(1));
    }
    assertThat(deliveries).containsExactly(1);
  }

  @Test
  void when_aNodeTheSubscriberPollsIsKilled_then_messagesKeepBeingHandled() {
    DistributedQueue q = client.queue(unique("survivor"));
    Set<String> done = ConcurrentHashMap.newKeySet();
    List<String> ids = new ArrayList<>(sendNumbers(q, 0, 200));
    try (Subscription s =
        q.subscribe(
            m -> done.add(m.id()),
            SubscribeOptions.builder()
                .concurrency(4)
                .visibility(Duration.ofSeconds(3))
                .pollWait(Duration.ofSeconds(2))
                .build())) {
      eventually(CONVERGE, "the first messages handled", () -> done.size() == 200);
      cluster.node(1).kill(); // the subscriber polls every node in turn: node1 among them
      for (int i = 1; i <= 5; i++) {
        ids.addAll(sendNumbers(q, i * 200, 200));
      }
      eventually(CONVERGE, "the messages sent after the kill handled", () -> done.size() == 1_200);
    }
    assertThat(done).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void when_redisIsDownForAWhile_then_aSendWaitsOutThe503s_andLandsOnceWhenItIsBack()
      throws Exception {
    String q = unique("redis-down");
    List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (DistSync patient =
        ClientFixtures.direct(cluster)
            .deadline(Duration.ofSeconds(90))
            .listener(
                new ClientListener() {
                  @Override
                  public void requestAnswered(
                      java.net.URI node, String method, String path, int status, Duration t) {
                    answers.add(status);
                  }
                })
            .build()) {
      cluster.redis().stop();
      java.util.concurrent.CompletableFuture<SendResult> send =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> patient.queue(q).send(Map.of("n", 1)));
      // 503 REDIS_UNAVAILABLE with Retry-After, from every node in turn, while Redis is away.
      eventually(
          CONVERGE, () -> assertThat(answers).filteredOn(s -> s == 503).hasSizeGreaterThan(3));
      assertThat(send).isNotDone();
      cluster.redis().start();
      assertThat(send.get(90, java.util.concurrent.TimeUnit.SECONDS).ids()).hasSize(1);
      eventually(
          CONVERGE,
          () ->
              assertThat(QueueApi.of(cluster.node(1)).stats(q).getJsonNumber("ready").longValue())
                  .isEqualTo(1));
    } finally {
      if (!cluster.redis().isRunning()) {
        cluster.redis().start();
      }
    }
  }
}
