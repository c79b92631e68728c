package io.distsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.client.FakeNode.Answer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The client's retry rules against stand-in nodes: a 503 moves the call to the next node with the
 * same requestId, other errors end it at once, a cluster that answers only 503 ends in {@link
 * NoQuorumException} at the deadline, and error bodies become the matching exceptions.
 */
class FailoverTest {
  private static final String NO_QUORUM = "{\"error\":\"NO_QUORUM\",\"message\":\"no leader\"}";

  private static String grant(long token) {
    return "{\"resource\":\"r\",\"owner\":\"o\",\"mode\":\"exclusive\",\"fencingToken\":"
        + token
        + ",\"expiresAt\":1,\"holdCount\":1}";
  }

  private static Answer locks(FakeNode.Request r, long token) {
    if (r.path().equals("/locks/release")) {
      return Answer.of(200, "{\"resource\":\"r\",\"released\":true,\"holdCount\":0}");
    }
    return Answer.of(200, grant(token));
  }

  private static DistSync client(Duration deadline, FakeNode... nodes) {
    DistSync.Builder b =
        DistSync.builder().token("t0k3n").deadline(deadline).requestTimeout(Duration.ofSeconds(2));
    for (FakeNode n : nodes) {
      b.nodes(n.url());
    }
    return b.build();
  }

  @Test
  void when_aNodeAnswers503_then_theCallMovesOn_withTheSameRequestId() {
    try (FakeNode down = new FakeNode(r -> new Answer(503, NO_QUORUM, "1"));
        FakeNode up = new FakeNode(r -> locks(r, 17));
        DistSync ds = client(Duration.ofSeconds(10), down, up)) {
      DistributedLock lock = ds.lock("orders/42");
      assertThat(lock.tryLock()).isTrue();
      assertThat(lock.fencingToken()).isEqualTo(17);
      FakeNode.Request first = down.requests().get(0);
      FakeNode.Request retry = up.requests().get(0);
      assertThat(retry.body().path("requestId").asText())
          .isNotEmpty()
          .isEqualTo(first.body().path("requestId").asText());
      assertThat(retry.body().path("owner").asText()).startsWith(ds.id() + ":t");
      assertThat(retry.authorization()).isEqualTo("Bearer t0k3n");
      lock.unlock();
      assertThat(lock.isHeldByCurrentThread()).isFalse();
    }
  }

  @Test
  void when_aNodeIsDown_then_theCallGoesToTheNextAtOnce() {
    FakeNode gone = new FakeNode(r -> Answer.of(500, "{}"));
    gone.close(); // nothing listens on its port any more: connection refused
    try (FakeNode up = new FakeNode(r -> locks(r, 5));
        DistSync ds = client(Duration.ofSeconds(10), gone, up)) {
      long start = System.nanoTime();
      assertThat(ds.lock("r").tryLock()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(up.requests()).hasSize(1);
    }
  }

  @Test
  void when_theLockIsTaken_then_tryLockAnswersFalse_afterOneRequest() {
    String conflict = "{\"error\":\"LOCK_CONFLICT\",\"message\":\"held\",\"holders\":[]}";
    try (FakeNode a = new FakeNode(r -> Answer.of(409, conflict));
        FakeNode b = new FakeNode(r -> Answer.of(409, conflict));
        DistSync ds = client(Duration.ofSeconds(10), a, b)) {
      assertThat(ds.lock("r").tryLock()).isFalse();
      assertThat(a.requests().size() + b.requests().size()).isEqualTo(1);
    }
  }

  @Test
  void when_everyNodeAnswers503_then_theCallEndsAtItsDeadline_withNoQuorum() {
    try (FakeNode a = new FakeNode(r -> new Answer(503, NO_QUORUM, "1"));
        FakeNode b = new FakeNode(r -> new Answer(503, NO_QUORUM, "1"));
        DistSync ds = client(Duration.ofMillis(2500), a, b)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> ds.lock("r").tryLock())
          .isInstanceOfSatisfying(
              NoQuorumException.class,
              e -> {
                assertThat(e.code()).isEqualTo("NO_QUORUM");
                assertThat(e.status()).isEqualTo(503);
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      // Retry-After honoured: a round of both nodes, then at least 1 s before the next round.
      assertThat(a.requests().size() + b.requests().size()).isBetween(2, 6);
    }
  }

  @Test
  void when_waitingWouldCloseACycle_then_aDeadlockExceptionNamesIt() {
    String deadlock =
        "{\"error\":\"DEADLOCK\",\"message\":\"cycle\",\"resource\":\"r\",\"cycle\":[\"a\",\"b\"]}";
    try (FakeNode a = new FakeNode(r -> Answer.of(409, deadlock));
        DistSync ds = client(Duration.ofSeconds(5), a)) {
      assertThatThrownBy(() -> ds.lock("r").lock())
          .isInstanceOfSatisfying(
              DeadlockException.class, e -> assertThat(e.cycle()).containsExactly("a", "b"));
    }
  }

  @Test
  void when_aThreadLocksAgain_then_onlyTheLastUnlockReachesTheServer() {
    AtomicLong tokens = new AtomicLong(40);
    try (FakeNode a = new FakeNode(r -> locks(r, tokens.incrementAndGet()));
        DistSync ds = client(Duration.ofSeconds(5), a)) {
      DistributedLock lock = ds.lock("r");
      lock.lock();
      lock.lock();
      assertThat(lock.getHoldCount()).isEqualTo(2);
      lock.unlock();
      assertThat(paths(a)).containsExactly("/locks/acquire");
      lock.unlock();
      assertThat(paths(a)).containsExactly("/locks/acquire", "/locks/release");
      assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
      assertThatThrownBy(lock::newCondition).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  private static List<String> paths(FakeNode n) {
    return n.requests().stream().map(FakeNode.Request::path).toList();
  }
}
