package io.distsync.raft;

/**
 * The serial executor a node runs on (actor style): tasks run one at a time, in submission order,
 * and every change to the node's state happens inside one of them, so the engine takes no locks.
 *
 * <p>It is supplied from outside: {@link SerialRaftExecutor} in production, a deterministic
 * simulated executor in tests. Implementations must not run a task inline in {@link #execute}.
 */
public interface RaftExecutor {

  /** Runs {@code task} later, after the tasks already queued. Callable from any thread. */
  void execute(Runnable task);

  /** Runs {@code task} on this executor after about {@code delayMs}. Callable from any thread. */
  Cancellable schedule(Runnable task, long delayMs);

  /** Monotonic milliseconds, used for timeouts and metrics only (never for ordering). */
  long currentTimeMillis();

  /** A scheduled task that may be cancelled; cancelling one that already ran does nothing. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
