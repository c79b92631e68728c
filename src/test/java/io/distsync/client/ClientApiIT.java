package io.distsync.client;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.testing.LockApi;
import io.distsync.testing.Ports;
import io.distsync.testing.QueueApi;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's API against the build's single real server (`it`, plain HTTP, no tokens): what the
 * server sees of local re-entry, read/write locks and the watchdog, a deadlock refused with its
 * cycle, failover past a node that is down, deduplicated sends and batches, dead letters, the
 * cache, and a clean close. Each test uses names of its own.
 */
class ClientApiIT {
  private static final String URL =
      "http://localhost:" + System.getProperty("microshed_http_port", "9085");

  private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
  private final ClientListener recorder =
      new ClientListener() {
        @Override
        public void requestSent(URI node, String method, String path) {
          requests.add(method + " " + path);
        }
      };
  private final DistSync client =
      DistSync.builder().nodes(URL).deadline(Duration.ofSeconds(20)).listener(recorder).build();

  @AfterEach
  void close() {
    client.close();
  }

  private static JsonObject onServer(String resource) {
    return LockApi.at(URL).lock(resource);
  }

  private static int serverHolds(String resource) {
    JsonObject lock = onServer(resource);
    return lock.getJsonArray("holders").isEmpty()
        ? 0
        : lock.getJsonArray("holders").getJsonObject(0).getInt("holdCount");
  }

  private long sent(String path) {
    return requests.stream().filter(r -> r.equals("POST " + path)).count();
  }

  @Test
  void when_aThreadLocksAgain_then_theServerCountsOneHold_andOnlyTheLastUnlockReleases() {
    String r = ClientFixtures.unique("reentry");
    DistributedLock lock = client.lock(r);
    lock.lock();
    lock.lock();
    assertThat(lock.getHoldCount()).isEqualTo(2);
    assertThat(serverHolds(r)).as("the server's count").isEqualTo(1);
    lock.unlock();
    assertThat(serverHolds(r)).as("still held after the first unlock").isEqualTo(1);
    lock.unlock();
    assertThat(serverHolds(r)).isZero();
    assertThat(sent("/locks/acquire")).isEqualTo(1);
    assertThat(sent("/locks/release")).isEqualTo(1);
    assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(lock::newCondition).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void when_aNodeIsDown_then_theCallGoesToTheNext() {
    ConcurrentLinkedQueue<String> failovers = new ConcurrentLinkedQueue<>();
    String down = "http://localhost:" + Ports.free();
    try (DistSync ds =
        DistSync.builder()
            .nodes(down, URL)
            .listener(
                new ClientListener() {
                  @Override
                  public void failover(URI from, URI to, String reason) {
                    failovers.add(from.getPort() + ">" + to.getPort());
                  }
                })
            .build()) {
      for (int i = 0; i < 4; i++) {
        String r = ClientFixtures.unique("failover");
        DistributedLock lock = ds.lock(r);
        assertThat(lock.tryLock()).isTrue();
        lock.unlock();
      }
      assertThat(failovers).as("calls that began on the node that is down").isNotEmpty();
    }
  }

  @Test
  void when_theLockIsTaken_then_tryLockIsFalse_andATimedTryLockGetsItOnRelease() throws Exception {
    String r = ClientFixtures.unique("taken");
    try (DistSync other = DistSync.builder().nodes(URL).build()) {
      DistributedLock theirs = other.lock(r);
      theirs.lock();
      long theirToken = theirs.fencingToken();
      DistributedLock mine = client.lock(r);
      assertThat(mine.tryLock()).isFalse();
      CompletableFuture<Boolean> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  boolean got = mine.tryLock(20, TimeUnit.SECONDS);
                  long token = mine.fencingToken();
                  mine.unlock();
                  return got && token > theirToken;
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      eventually(
          Duration.ofSeconds(10),
          () -> assertThat(onServer(r).getJsonArray("waiters")).as("in line").hasSize(1));
      theirs.unlock();
      assertThat(waiting.get(30, TimeUnit.SECONDS)).as("granted with a later token").isTrue();
    }
  }

  @Test
  void when_twoClientsWaitForEachOther_then_theOneClosingTheCycleGetsItsDeadlockException()
      throws Exception {
    String a = ClientFixtures.unique("dl-a");
    String b = ClientFixtures.unique("dl-b");
    // Owners are per thread: one thread of this client holds a, then waits for b.
    ExecutorService me = Executors.newSingleThreadExecutor();
    try (DistSync other = DistSync.builder().nodes(URL).build()) {
      DistributedLock mineA = client.lock(a);
      me.submit(mineA::lock).get(30, TimeUnit.SECONDS);
      DistributedLock theirsB = other.lock(b);
      theirsB.lock();
      Future<Boolean> iWait =
          me.submit(
              () -> {
                DistributedLock mineB = client.lock(b);
                boolean got = mineB.tryLock(30, TimeUnit.SECONDS);
                mineB.unlock();
                mineA.unlock();
                return got;
              });
      eventually(
          Duration.ofSeconds(10), () -> assertThat(onServer(b).getJsonArray("waiters")).hasSize(1));
      DistributedLock theirsA = other.lock(a);
      assertThatThrownBy(() -> theirsA.tryLock(30, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(
              DeadlockException.class,
              e -> {
                assertThat(e.code()).isEqualTo("DEADLOCK");
                assertThat(e.cycle()).hasSize(2);
              });
      theirsB.unlock();
      assertThat(iWait.get(30, TimeUnit.SECONDS)).as("granted once b was let go").isTrue();
    } finally {
      me.shutdownNow();
    }
  }

  @Test
  void when_theWriterReads_then_theReadIsLocal_andAReaderThatWritesUpgradesWithANewToken() {
    String r = ClientFixtures.unique("rw");
    DistributedReadWriteLock rw = client.readWriteLock(r);
    rw.writeLock().lock();
    rw.readLock().lock();
    assertThat(onServer(r).getString("mode")).isEqualTo("exclusive");
    assertThat(serverHolds(r)).isEqualTo(1);
    rw.readLock().unlock();
    rw.writeLock().unlock();
    assertThat(serverHolds(r)).isZero();

    rw.readLock().lock();
    long readToken = rw.readLock().fencingToken();
    assertThat(onServer(r).getString("mode")).isEqualTo("shared");
    rw.writeLock().lock();
    assertThat(rw.writeLock().fencingToken()).isGreaterThan(readToken);
    assertThat(onServer(r).getString("mode")).isEqualTo("exclusive");
    rw.writeLock().unlock();
    assertThat(rw.readLock().isHeldByCurrentThread()).isTrue();
    rw.readLock().unlock();
    assertThat(serverHolds(r)).isZero();
  }

  @Test
  void when_aShortLeaseIsHeld_then_theWatchdogKeepsItAlive_andCloseReleasesIt() {
    String r = ClientFixtures.unique("watchdog");
    DistributedLock lock = client.lock(r, Duration.ofMillis(600));
    lock.lock();
    long first =
        onServer(r).getJsonArray("holders").getJsonObject(0).getJsonNumber("expiresAt").longValue();
    // Held well past three leases: renewed, never lost.
    eventually(
        Duration.ofSeconds(15),
        () ->
            assertThat(
                    onServer(r)
                        .getJsonArray("holders")
                        .getJsonObject(0)
                        .getJsonNumber("expiresAt")
                        .longValue())
                .isGreaterThan(first + 1_800));
    assertThat(lock.isLost()).isFalse();
    assertThat(sent("/locks/renew")).isGreaterThanOrEqualTo(3);

    client.close();
    assertThat(serverHolds(r)).as("released by close").isZero();
    assertThatThrownBy(() -> client.lock("after-close")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void when_messagesAreSentTwiceWithOneIdAndInABigBatch_then_eachIsStoredOnce() {
    String q = ClientFixtures.unique("send");
    DistributedQueue queue = client.queue(q);
    queue.send(Message.builder(Map.of("n", -1)).key("k").priority(9).deduplicationId("once"));
    queue.send(Message.builder(Map.of("n", -1)).key("k").priority(9).deduplicationId("once"));
    SendResult batch =
        queue.sendBatch(
            IntStream.range(0, 1500).mapToObj(i -> Message.of(Map.of("n", i))).toList());
    assertThat(batch.ids()).hasSize(1500);
    assertThat(sent("/queues/" + q + "/messages")).as("1 + 1 + two batch requests").isEqualTo(4);

    Set<String> payloads = new HashSet<>();
    QueueApi api = QueueApi.at(URL);
    eventually(
        Duration.ofSeconds(30),
        () -> {
          for (QueueApi.Message m : api.consume(q, "c", 1000, 60_000, 0)) {
            payloads.add(m.payload().toString());
          }
          assertThat(payloads).hasSize(1501);
        });
  }

  @Test
  void when_aMessageIsNackedToTheEnd_then_itIsADeadLetter_andRedriveBringsItBack() {
    String q = ClientFixtures.unique("dead");
    DistributedQueue queue = client.queue(q);
    queue.send(Map.of("n", 7));
    QueueApi api = QueueApi.at(URL);
    eventually(
        Duration.ofSeconds(30),
        () -> {
          for (QueueApi.Message m : api.consume(q, "c", 1, 60_000, 0)) {
            api.nack(q, List.of(m.receipt()));
          }
          assertThat(queue.deadLetters(10).total()).isEqualTo(1);
        });
    Delivery dead = queue.deadLetters(10).messages().get(0);
    assertThat(dead.payload(Map.class)).containsEntry("n", 7);
    assertThat(dead.deliveries()).isGreaterThanOrEqualTo(5);
    assertThat(queue.redrive()).isEqualTo(1);
    assertThat(queue.deadLetters(10).total()).isZero();
  }

  record Order(String id, int quantity) {}

  @Test
  void when_aValueIsPutReadDeletedAndInvalidated_then_theCacheAnswersEachAsTyped() {
    String key = ClientFixtures.unique("order");
    DistributedCache cache = client.cache();
    assertThat(cache.get(key, Order.class)).isEmpty();
    cache.put(key, new Order("o-1", 3));
    assertThat(cache.get(key, Order.class)).contains(new Order("o-1", 3));
    cache.invalidate(key);
    assertThat(cache.get(key, Order.class))
        .as("read again from Redis")
        .contains(new Order("o-1", 3));
    cache.delete(key);
    assertThat(cache.get(key, Order.class)).isEqualTo(Optional.empty());
  }
}
