package io.distsync.client;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.client.FakeNode.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client's life: the watchdog renews a held lock with request ids, and {@code close()} stops
 * subscriptions, releases the locks still held and refuses new work.
 */
class LifecycleTest {
  private static Answer answer(FakeNode.Request r) {
    switch (r.path()) {
      case "/locks/acquire":
        return Answer.of(
            200,
            "{\"resource\":\"r\",\"owner\":\"o\",\"mode\":\"exclusive\",\"fencingToken\":3,"
                + "\"expiresAt\":1,\"holdCount\":1}");
      case "/locks/renew":
        return Answer.of(200, "{\"resource\":\"r\",\"expiresAt\":2}");
      case "/locks/release":
        return Answer.of(200, "{\"resource\":\"r\",\"released\":true,\"holdCount\":0}");
      default:
        return Answer.of(200, "{\"messages\":[],\"acked\":0}");
    }
  }

  private static long count(FakeNode n, String path) {
    return n.requests().stream().filter(r -> r.path().startsWith(path)).count();
  }

  @Test
  void when_aLockIsHeld_then_theWatchdogRenewsIt_eachTimeWithAFreshRequestId() {
    try (FakeNode node = new FakeNode(LifecycleTest::answer);
        DistSync ds = DistSync.builder().nodes(node.url()).build()) {
      DistributedLock lock = ds.lock("r", Duration.ofMillis(300));
      lock.lock();
      eventually(Duration.ofSeconds(10), "three renewals", () -> count(node, "/locks/renew") >= 3);
      assertThat(
              node.requests().stream()
                  .filter(r -> r.path().equals("/locks/renew"))
                  .map(r -> r.body().path("requestId").asText())
                  .distinct()
                  .count())
          .isEqualTo(count(node, "/locks/renew"));
      assertThat(lock.isLost()).isFalse();
      lock.unlock();
    }
  }

  @Test
  void when_theClientCloses_then_itReleasesHeldLocks_stopsPolling_andRefusesNewWork() {
    try (FakeNode node = new FakeNode(LifecycleTest::answer)) {
      DistSync ds = DistSync.builder().nodes(node.url()).build();
      ds.lock("r").lock();
      ds.queue("q").subscribe(m -> {}, SubscribeOptions.builder().pollWait(Duration.ZERO).build());
      eventually(Duration.ofSeconds(10), "polling", () -> count(node, "/queues/q/consume") > 0);

      ds.close();
      assertThat(count(node, "/locks/release")).isEqualTo(1);
      assertThatThrownBy(() -> ds.lock("other")).isInstanceOf(IllegalStateException.class);
      eventually(
          Duration.ofSeconds(10),
          "the subscription's threads ended",
          () ->
              Thread.getAllStackTraces().keySet().stream()
                  .noneMatch(t -> t.getName().startsWith("distsync-q-") && t.isAlive()));
    }
  }
}
