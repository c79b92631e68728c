package io.distsync.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.client.FakeNode.Answer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The read/write lock's modes as the server sees them: a read under the write lock is local, a
 * write under the read lock is an upgrade (an exclusive acquire by the same owner), and the server
 * is released once per hold it counts.
 */
class ReadWriteLockTest {
  private final AtomicLong tokens = new AtomicLong(10);
  private final AtomicLong held = new AtomicLong();

  private Answer answer(FakeNode.Request r) {
    if (r.path().equals("/locks/release")) {
      return Answer.of(
          200,
          "{\"resource\":\"r\",\"released\":true,\"holdCount\":" + held.decrementAndGet() + "}");
    }
    return Answer.of(
        200,
        "{\"resource\":\"r\",\"owner\":\"o\",\"mode\":\""
            + r.body().path("mode").asText()
            + "\",\"fencingToken\":"
            + tokens.incrementAndGet()
            + ",\"expiresAt\":1,\"holdCount\":"
            + held.incrementAndGet()
            + "}");
  }

  private static List<String> calls(FakeNode n) {
    return n.requests().stream()
        .map(r -> r.path() + " " + r.body().path("mode").asText(""))
        .map(String::strip)
        .toList();
  }

  @Test
  void when_theWriterReads_then_theReadIsLocal_andOneReleaseFreesBoth() {
    try (FakeNode node = new FakeNode(this::answer);
        DistSync ds = DistSync.builder().nodes(node.url()).build()) {
      DistributedReadWriteLock rw = ds.readWriteLock("r");
      rw.writeLock().lock();
      rw.readLock().lock();
      assertThat(rw.readLock().isHeldByCurrentThread()).isTrue();
      rw.writeLock().unlock();
      rw.readLock().unlock();
      assertThat(calls(node)).containsExactly("/locks/acquire exclusive", "/locks/release");
    }
  }

  @Test
  void when_aReaderWrites_then_itUpgrades_withANewToken_andReleasesEachHold() {
    try (FakeNode node = new FakeNode(this::answer);
        DistSync ds = DistSync.builder().nodes(node.url()).build()) {
      DistributedReadWriteLock rw = ds.readWriteLock("r");
      rw.readLock().lock();
      long readToken = rw.readLock().fencingToken();
      rw.writeLock().lock();
      assertThat(rw.writeLock().fencingToken()).isGreaterThan(readToken);
      rw.writeLock().unlock();
      assertThat(rw.readLock().isHeldByCurrentThread()).isTrue();
      rw.readLock().unlock();
      assertThat(calls(node))
          .containsExactly(
              "/locks/acquire shared",
              "/locks/acquire exclusive",
              "/locks/release",
              "/locks/release");
      assertThat(held.get()).isZero();
    }
  }
}
