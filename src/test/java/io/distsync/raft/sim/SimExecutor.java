package io.distsync.raft.sim;

import io.distsync.raft.RaftExecutor;
import java.util.Random;

/**
 * A node's {@link RaftExecutor} on the simulated clock. Tasks of a crashed incarnation never run.
 * Timers may fire early or late by a random skew, as real timers under load do.
 */
final class SimExecutor implements RaftExecutor {
  private final SimScheduler scheduler;
  private final Incarnation incarnation;
  private final Random random;
  private final double timerSkew;

  SimExecutor(SimScheduler scheduler, Incarnation incarnation, Random random, double timerSkew) {
    this.scheduler = scheduler;
    this.incarnation = incarnation;
    this.random = random;
    this.timerSkew = timerSkew;
  }

  @Override
  public void execute(Runnable task) {
    scheduler.after(
        0,
        () -> {
          if (incarnation.alive) {
            task.run();
          }
        });
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMs) {
    long d = delayMs;
    if (timerSkew > 0 && random.nextInt(4) == 0) {
      // early by up to skew/2 or late by up to skew
      double f = 1 + (random.nextDouble() * 1.5 - 0.5) * timerSkew;
      d = Math.max(0, (long) (delayMs * f));
    }
    SimScheduler.Event e =
        scheduler.after(
            d,
            () -> {
              if (incarnation.alive) {
                task.run();
              }
            });
    return e::cancel;
  }

  @Override
  public long currentTimeMillis() {
    return scheduler.now();
  }

  /** One life of a node between start and crash. */
  static final class Incarnation {
    boolean alive = true;
  }
}
