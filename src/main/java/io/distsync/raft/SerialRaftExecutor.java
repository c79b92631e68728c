package io.distsync.raft;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Production {@link RaftExecutor}: serializes tasks over any {@link Executor} (for example a
 * container-managed one) and uses a {@link ScheduledExecutorService} for timers. It never starts
 * threads of its own. A task that throws is logged and does not stop the queue.
 */
public final class SerialRaftExecutor implements RaftExecutor {
  private static final System.Logger LOG = System.getLogger(SerialRaftExecutor.class.getName());

  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final long originNanos = System.nanoTime();

  public SerialRaftExecutor(Executor executor, ScheduledExecutorService scheduler) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public void execute(Runnable task) {
    queue.add(Objects.requireNonNull(task, "task"));
    trySchedule();
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMs) {
    try {
      ScheduledFuture<?> f =
          scheduler.schedule(() -> execute(task), Math.max(0, delayMs), TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      LOG.log(System.Logger.Level.WARNING, "timer rejected (scheduler shut down): " + e);
      return () -> {};
    }
  }

  @Override
  public long currentTimeMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos);
  }

  private void trySchedule() {
    if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        draining.set(false);
        LOG.log(System.Logger.Level.ERROR, "executor rejected the Raft task queue: " + e);
      }
    }
  }

  private void drain() {
    try {
      // Bounded batch so one busy node does not monopolize a shared pool thread.
      for (int i = 0; i < 256; i++) {
        Runnable r = queue.poll();
        if (r == null) {
          break;
        }
        try {
          r.run();
        } catch (RuntimeException | Error e) {
          LOG.log(System.Logger.Level.ERROR, "Raft task failed", e);
        }
      }
    } finally {
      draining.set(false);
      trySchedule();
    }
  }
}
