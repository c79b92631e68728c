package io.distsync.client;

import static io.distsync.client.ClientFixtures.unique;
import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.testing.LinkProxy;
import io.distsync.testing.LockApi;
import io.distsync.testing.RaftApi;
import io.distsync.testing.TestCluster;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's locks against a real three-node cluster: mutual exclusion with fencing through a
 * kill -9 of the leader, an acquire whose answer is lost and retried elsewhere with the same
 * requestId, and a lease lost while the client is cut off. One cluster for the class; each test
 * uses its own names and leaves the cluster whole.
 */
class ClientLockIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final Map<String, String> ENV =
      Map.of("HEARTBEAT_INTERVAL", "50", "ELECTION_TIMEOUT", "300-600", "REQUEST_TIMEOUT", "2000");

  static TestCluster cluster;
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

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
  void makeWhole() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
    cluster.restoreAll();
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    closeAfter.add(0, c);
    return c;
  }

  private static JsonObject serverLock(String resource) {
    return LockApi.of(cluster.node(2)).lock(resource);
  }

  @Test
  void when_theLeaderIsKilledWhileThreadsContend_then_noUpdateIsLost_andTokensIncrease(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    DistSync client = closeLater(ClientFixtures.direct(cluster).build());
    DistributedLock lock = client.lock(unique("counter"));
    FencedCounter counter = new FencedCounter(Files.createFile(dir.resolve("counter")));
    int threads = 4;
    int rounds = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    closeLater(pool::shutdownNow);
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < rounds; i++) {
                  lock.lock();
                  try {
                    counter.write(lock.fencingToken(), counter.read() + 1);
                  } finally {
                    lock.unlock();
                  }
                }
              },
              pool));
    }
    eventually(CONVERGE, "a quarter of the increments done", () -> counter.read() >= 25);
    String leader = RaftApi.of(cluster.node(1)).leader().leaderId();
    cluster.node(Integer.parseInt(leader.substring("node".length()))).kill();

    CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
    assertThat(counter.read()).as("increments").isEqualTo(threads * rounds);
    assertThat(counter.refused()).as("writes refused as stale").isZero();
    List<Long> tokens = counter.acceptedTokens();
    assertThat(tokens).hasSize(threads * rounds).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void when_theAnswerToAnAcquireIsLost_then_theRetryWithTheSameRequestIdHoldsTheLockOnce()
      throws Exception {
    LinkProxy toNode1 = closeLater(ClientFixtures.proxyTo(cluster, 1));
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    DistSync client =
        closeLater(
            ClientFixtures.base()
                .nodes("https://localhost:" + toNode1.port(), cluster.node(2).url())
                .requestTimeout(Duration.ofSeconds(20))
                // A connection the proxy delays still opens: the acquire must reach node1.
                .connectTimeout(Duration.ofSeconds(30))
                .listener(
                    new ClientListener() {
                      @Override
                      public void requestSent(java.net.URI node, String method, String path) {
                        events.add(method + " " + node);
                      }

                      @Override
                      public void failover(java.net.URI from, java.net.URI to, String reason) {
                        events.add("failover " + from.getPort() + " " + reason);
                      }
                    })
                .build());
    // Round robin: the first call goes through the proxy (and opens its connection), the second
    // to node2, the third, the acquire, through the proxy again.
    client.cache().get(unique("warm"), String.class);
    client.cache().get(unique("warm"), String.class);
    String resource = unique("lost-answer");
    DistributedLock lock = client.lock(resource);
    ExecutorService owner = Executors.newSingleThreadExecutor();
    closeLater(owner::shutdownNow);

    toNode1.delay(1500); // every chunk: the request arrives, the answer lingers in the proxy
    CompletableFuture<Boolean> acquired = CompletableFuture.supplyAsync(lock::tryLock, owner);
    eventually(
        CONVERGE,
        "the acquire granted",
        () -> !serverLock(resource).getJsonArray("holders").isEmpty());
    toNode1.cut(); // the answer is lost: the client fails over to node2 with the same requestId

    assertThat(acquired.get(1, TimeUnit.MINUTES)).isTrue();
    assertThat(events)
        .as("the acquire went through the proxy first, then failed over")
        .contains("POST https://localhost:" + toNode1.port() + "/locks/acquire")
        .anyMatch(e -> e.startsWith("failover " + toNode1.port()) && !e.contains("Timeout"));
    JsonObject holder = serverLock(resource).getJsonArray("holders").getJsonObject(0);
    assertThat(holder.getInt("holdCount")).as("holds on the server").isEqualTo(1);
    assertThat(holder.getString("owner")).startsWith(client.id() + ":t");

    CompletableFuture.runAsync(lock::unlock, owner).get(1, TimeUnit.MINUTES);
    assertThat(serverLock(resource).getJsonArray("holders"))
        .as("holders after one unlock")
        .isEmpty();
  }

  @Test
  void when_theClientIsCutOffLongerThanTheLease_then_theLockIsLost_andTheListenerIsTold() {
    List<LinkProxy> proxies = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      proxies.add(closeLater(ClientFixtures.proxyTo(cluster, i)));
    }
    DistSync client =
        closeLater(
            ClientFixtures.through(proxies)
                .requestTimeout(Duration.ofMillis(800))
                .deadline(Duration.ofSeconds(3))
                .build());
    String resource = unique("pause");
    CompletableFuture<String> lost = new CompletableFuture<>();
    DistributedLock lock =
        client.lock(resource, Duration.ofMillis(1500)).onLost((r, o, t, why) -> lost.complete(why));
    lock.lock();
    long token = lock.fencingToken();
    assertThat(lock.isHeldByCurrentThread()).isTrue();

    proxies.forEach(LinkProxy::cut);
    eventually(Duration.ofSeconds(15), "the listener told", lost::isDone);
    assertThat(lost.join()).isEqualTo("LEASE_EXPIRED");
    assertThat(lock.isLost()).isTrue();
    assertThat(lock.isHeldByCurrentThread()).isFalse();
    assertThatThrownBy(lock::unlock).isInstanceOf(LeaseLostException.class);
    assertThat(lock.getHoldCount()).isZero();

    // The server let it go too: another owner gets it, with a newer token.
    eventually(
        CONVERGE,
        () ->
            assertThat(
                    LockApi.of(cluster.node(1))
                        .acquire(resource, "someone-else")
                        .json()
                        .asJsonObject()
                        .getJsonNumber("fencingToken")
                        .longValue())
                .isGreaterThan(token));
  }
}
