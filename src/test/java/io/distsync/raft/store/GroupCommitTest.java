package io.distsync.raft.store;

import static io.distsync.raft.store.StoreFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: concurrent {@code sync()} callers share fsyncs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
class GroupCommitTest {
  @TempDir Path dir;

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** A flusher whose first flush blocks until released; it records what each flush covered. */
  private static final class FakeFlusher implements GroupCommit.Flusher {
    final AtomicLong written = new AtomicLong();
    final AtomicLong durable = new AtomicLong();
    final AtomicInteger flushes = new AtomicInteger();
    final CountDownLatch firstFlushEntered = new CountDownLatch(1);
    final CountDownLatch releaseFirstFlush = new CountDownLatch(1);
    volatile IOException failWith;

    @Override
    public boolean upToDate() {
      return written.get() <= durable.get();
    }

    @Override
    public long flush() throws IOException {
      long target = written.get(); // what this fsync covers: captured when it starts
      if (flushes.incrementAndGet() == 1) {
        firstFlushEntered.countDown();
        try {
          releaseFirstFlush.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      if (failWith != null) {
        throw failWith;
      }
      durable.set(target);
      return target;
    }

    @Override
    public long durableIndex() {
      return durable.get();
    }
  }

  private static void awaitWaiters(GroupCommit gc, int n) {
    while (gc.waiting() < n) {
      Thread.onSpinWait();
    }
  }

  @Test
  void callersArrivingDuringAnFsyncShareTheNextOneWhichCoversTheirAppends() throws Exception {
    FakeFlusher flusher = new FakeFlusher();
    GroupCommit gc = new GroupCommit(flusher);
    flusher.written.set(1);
    Future<Long> first = pool.submit(gc::sync);
    flusher.firstFlushEntered.await();

    flusher.written.set(2); // appended while fsync #1 (covering index 1) runs
    int callers = 8;
    List<Future<Long>> later = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      later.add(pool.submit(gc::sync));
    }
    awaitWaiters(gc, callers);
    flusher.releaseFirstFlush.countDown();

    assertThat(first.get()).isGreaterThanOrEqualTo(1);
    for (Future<Long> f : later) {
      assertThat(f.get()).as("a late caller must not ride on fsync #1").isEqualTo(2);
    }
    assertThat(flusher.flushes.get()).as("one fsync for all the late callers").isEqualTo(2);
  }

  @Test
  void callerWithNothingNewReturnsWithoutAnFsync() throws IOException {
    FakeFlusher flusher = new FakeFlusher();
    flusher.releaseFirstFlush.countDown();
    GroupCommit gc = new GroupCommit(flusher);
    flusher.written.set(5);
    assertThat(gc.sync()).isEqualTo(5);
    assertThat(gc.sync()).isEqualTo(5);
    assertThat(flusher.flushes.get()).isEqualTo(1);
  }

  @Test
  void failedFsyncFailsItsWaitersAndEveryLaterCall() throws Exception {
    FakeFlusher flusher = new FakeFlusher();
    flusher.failWith = new IOException("disk gone");
    GroupCommit gc = new GroupCommit(flusher);
    flusher.written.set(1);
    Future<Long> leader = pool.submit(gc::sync);
    flusher.firstFlushEntered.await();
    Future<Long> waiter = pool.submit(gc::sync);
    awaitWaiters(gc, 1);
    flusher.releaseFirstFlush.countDown();

    for (Future<Long> f : List.of(leader, waiter)) {
      assertThatThrownBy(f::get).hasCauseInstanceOf(IOException.class);
    }
    assertThatThrownBy(gc::sync).isInstanceOf(IOException.class).hasRootCauseMessage("disk gone");
    assertThat(flusher.durable.get()).isZero();
  }

  @Test
  void concurrentSyncsWhileAppendingShareFsyncsAndDurableIndexIsMonotonic() throws Exception {
    int appends = 300;
    int syncThreads = 4;
    int syncsPerThread = 300;
    try (FileRaftStore store = new FileRaftStore(dir, 4096)) { // rolls during the run
      store.load();
      long fsyncsBefore = store.fsyncCount();
      CyclicBarrier start = new CyclicBarrier(syncThreads + 1);
      List<Future<List<Long>>> syncers = new ArrayList<>();
      for (int t = 0; t < syncThreads; t++) {
        syncers.add(
            pool.submit(
                () -> {
                  List<Long> seen = new ArrayList<>();
                  start.await();
                  for (int i = 0; i < syncsPerThread; i++) {
                    long returned = store.sync();
                    long observed = store.durableIndex();
                    assertThat(observed).isGreaterThanOrEqualTo(returned);
                    seen.add(returned);
                    seen.add(observed);
                  }
                  return seen;
                }));
      }
      Future<?> appender =
          pool.submit(
              () -> {
                start.await();
                for (int i = 1; i <= appends; i++) {
                  store.append(entries(i, i, 1));
                  if (i % 50 == 0) {
                    // The owner's own sync covers everything it appended before calling.
                    assertThat(store.sync()).isGreaterThanOrEqualTo(i);
                  }
                }
                return null;
              });
      appender.get();
      for (Future<List<Long>> f : syncers) {
        assertThat(f.get()).isSorted(); // durableIndex never goes back
      }
      assertThat(store.sync()).isEqualTo(appends);
      assertThat(store.durableIndex()).isEqualTo(appends);

      long fsyncs = store.fsyncCount() - fsyncsBefore;
      long calls = (long) syncThreads * syncsPerThread + appends / 50 + 1;
      // Each group-commit fsync raises the durable index, so there are at most as many as
      // appends, plus one per segment roll (the old segment is forced before the switch).
      int segments = StoreFixtures.segmentFiles(dir).size();
      assertThat(segments).isGreaterThan(1);
      assertThat(fsyncs).isPositive().isLessThanOrEqualTo(appends + segments).isLessThan(calls / 3);
    }
    try (FileRaftStore reopened = new FileRaftStore(dir, 4096)) {
      assertThat(reopened.load().entries()).isEqualTo(entries(1, appends, 1));
    }
  }
}
