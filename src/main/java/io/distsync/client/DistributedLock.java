package io.distsync.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A lock of the cluster as a {@link Lock}: exclusive (or, from {@link DistributedReadWriteLock},
 * shared), reentrant per thread like {@link java.util.concurrent.locks.ReentrantLock}, with a lease
 * that a watchdog renews while it is held. Use it with try-with-resources ({@link #close()} is
 * {@link #unlock()}) and pass {@link #fencingToken()} to whatever it protects.
 *
 * <p>Each thread is its own owner on the server ({@code <client id>:t<thread id>}); a re-entry is
 * counted locally, and the last unlock releases on the server. When the lease is lost (see {@link
 * LockLostListener}) the thread no longer holds the lock, whatever it believes: {@link #isLost()}
 * says so, and {@link #unlock()} clears the local state and throws {@link LeaseLostException}.
 */
public final class DistributedLock implements Lock, AutoCloseable {
  private final LockState state;
  private final LockState.Mode mode;
  private final Duration ttl;

  DistributedLock(LockState state, LockState.Mode mode, Duration ttl) {
    this.state = state;
    this.mode = mode;
    this.ttl = ttl;
  }

  /** The resource name. */
  public String resource() {
    return state.resource();
  }

  /**
   * Waits until granted, however long, in calls of up to 60 s each. Not interruptible (an interrupt
   * is kept for later); a failure to reach the cluster within the client's deadline is a {@link
   * DistSyncException}.
   */
  @Override
  public void lock() {
    try {
      state.acquire(mode, ttl, LockState.FOREVER, false);
    } catch (InterruptedException e) {
      throw new IllegalStateException("not interruptible", e); // acquire(.., false) never throws it
    }
  }

  /** As {@link #lock()}, but an interrupt gives up the wait (the server's wait is cancelled). */
  @Override
  public void lockInterruptibly() throws InterruptedException {
    state.acquire(mode, ttl, LockState.FOREVER, true);
  }

  /** Takes the lock if it is free now ({@code waitMs} 0); one round trip. */
  @Override
  public boolean tryLock() {
    try {
      return state.acquire(mode, ttl, System.nanoTime(), false);
    } catch (InterruptedException e) {
      throw new IllegalStateException("not interruptible", e);
    }
  }

  /** Waits in line up to {@code time}; false when not granted by then. */
  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    return state.acquire(mode, ttl, System.nanoTime() + unit.toNanos(Math.max(0, time)), true);
  }

  /**
   * Gives back one hold; the last one releases on the server. {@link IllegalMonitorStateException}
   * when this thread does not hold it; {@link LeaseLostException} when its lease was lost.
   */
  @Override
  public void unlock() {
    state.release(mode);
  }

  /** {@link #unlock()}, for try-with-resources. */
  @Override
  public void close() {
    unlock();
  }

  /**
   * Unsupported: a condition would have to release the lock on the server while the thread waits
   * and be signalled from other processes, which the server does not offer (no wait/notify on a
   * lock). Use a queue to signal between processes.
   */
  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException("a DistSync lock has no conditions: use a queue");
  }

  /** The fencing token of this thread's grant; {@link IllegalMonitorStateException} if none. */
  public long fencingToken() {
    Hold h = state.current();
    if (h == null) {
      throw new IllegalMonitorStateException(resource() + " is not held by this thread");
    }
    return h.token;
  }

  /** Whether this thread holds this lock's mode and its lease is not lost. */
  public boolean isHeldByCurrentThread() {
    Hold h = state.current();
    return h != null && !h.lost && (mode == LockState.Mode.SHARED ? h.reads : h.writes) > 0;
  }

  /** This thread's local hold count of this mode (0 when not held). */
  public int getHoldCount() {
    Hold h = state.current();
    return h == null ? 0 : (mode == LockState.Mode.SHARED ? h.reads : h.writes);
  }

  /** Whether this thread's hold was lost (lease expired or taken): stop writing. */
  public boolean isLost() {
    Hold h = state.current();
    return h != null && h.lost;
  }

  /** Sets the listener told when a hold of this resource (any mode, any thread) is lost. */
  public DistributedLock onLost(LockLostListener l) {
    state.onLost(l);
    return this;
  }
}
