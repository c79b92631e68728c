package io.distsync.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialRaftExecutorTest {

  @Test
  void runsTasksOneAtATimeInSubmissionOrderOverAPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try {
      SerialRaftExecutor serial = new SerialRaftExecutor(pool, timers);
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger running = new AtomicInteger();
      AtomicInteger maxRunning = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(1000);
      for (int i = 0; i < 1000; i++) {
        int n = i;
        serial.execute(
            () -> {
              maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
              seen.add(n);
              running.decrementAndGet();
              done.countDown();
            });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(maxRunning.get()).isEqualTo(1);
      for (int i = 0; i < 1000; i++) {
        assertThat(seen.get(i)).isEqualTo(i);
      }
      CountDownLatch timer = new CountDownLatch(1);
      serial.schedule(timer::countDown, 10);
      assertThat(timer.await(5, TimeUnit.SECONDS)).isTrue();
      CountDownLatch cancelled = new CountDownLatch(1);
      serial.schedule(cancelled::countDown, 50).cancel();
      assertThat(cancelled.await(200, TimeUnit.MILLISECONDS)).isFalse();
    } finally {
      pool.shutdownNow();
      timers.shutdownNow();
    }
  }

  @Test
  void aFailingTaskDoesNotStopTheQueue() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try {
      SerialRaftExecutor serial = new SerialRaftExecutor(pool, timers);
      CountDownLatch after = new CountDownLatch(1);
      serial.execute(
          () -> {
            throw new IllegalStateException("boom (expected by the test)");
          });
      serial.execute(after::countDown);
      assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
      timers.shutdownNow();
    }
  }
}
