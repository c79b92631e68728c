package io.distsync.raft.impl;

import io.distsync.raft.RaftExecutor;
import java.util.ArrayDeque;
import java.util.Queue;

/** A {@link RaftExecutor} for unit tests: tasks run when the test calls {@link #runAll()}. */
final class ManualExecutor implements RaftExecutor {
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  long now;

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMs) {
    return () -> {}; // timers never fire in these tests
  }

  @Override
  public long currentTimeMillis() {
    return now;
  }

  void runAll() {
    Runnable r;
    while ((r = tasks.poll()) != null) {
      r.run();
    }
  }
}
