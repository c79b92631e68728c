package io.distsync.raft.store;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shares fsyncs between concurrent {@code sync()} callers ({@link io.distsync.raft.RaftStore}
 * "Group commit").
 *
 * <p>Fsyncs are numbered. A caller arriving when {@code started} fsyncs have begun needs fsync
 * number {@code started + 1}: it cannot use one already running, since that one may have captured
 * the log end before the caller's appends. While that fsync has not completed, the caller either
 * runs it (no fsync is running: it becomes the leader) or waits. One leader's fsync thus releases
 * every caller that arrived while the previous fsync ran. A caller arriving when everything written
 * is already durable returns at once. A failed fsync is sticky: every later call fails (the node
 * must stop).
 */
final class GroupCommit {

  /** What group commit drives. */
  interface Flusher {
    /** True when every record written so far is durable. Never blocks. */
    boolean upToDate();

    /** Makes everything written before the call durable; returns the durable index. */
    long flush() throws IOException;

    /** The highest durable index. Never blocks. */
    long durableIndex();
  }

  private final Flusher flusher;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition completedChanged = lock.newCondition();
  private long started;
  private long completed;
  private boolean running;
  private int waiting;
  private volatile Throwable failure;

  GroupCommit(Flusher flusher) {
    this.flusher = flusher;
  }

  /** Returns once everything written before the call is durable; the durable index then. */
  long sync() throws IOException {
    if (failure == null && flusher.upToDate()) {
      return flusher.durableIndex();
    }
    lock.lock();
    try {
      long needed = started + 1;
      while (completed < needed && failure == null) {
        if (!running) {
          lead();
        } else {
          waiting++;
          try {
            completedChanged.awaitUninterruptibly(); // bounded by one fsync
          } finally {
            waiting--;
          }
        }
      }
      if (failure != null) {
        throw new IOException("fsync failed; the store is unusable", failure);
      }
      return flusher.durableIndex();
    } finally {
      lock.unlock();
    }
  }

  /** Runs one fsync without holding the lock, so callers can queue up for the next one. */
  private void lead() {
    running = true;
    started++;
    lock.unlock();
    Throwable error = null;
    try {
      flusher.flush();
    } catch (IOException | RuntimeException | Error e) {
      error = e;
    } finally {
      lock.lock();
      running = false;
      completed++;
      if (error != null && failure == null) {
        failure = error;
      }
      completedChanged.signalAll();
    }
  }

  /** Callers currently waiting for an fsync run by another caller (for tests and metrics). */
  int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }
}
