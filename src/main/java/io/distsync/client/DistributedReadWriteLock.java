package io.distsync.client;

import java.time.Duration;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * The shared ({@link #readLock()}) and exclusive ({@link #writeLock()}) modes of one resource. A
 * thread that holds the write lock gets the read lock at once (locally). A thread that holds only
 * the read lock and asks for the write lock upgrades on the server: granted at once when it is the
 * sole shared holder, otherwise it waits (two upgraders form a deadlock, refused with {@link
 * DeadlockException}); the lock then stays exclusive on the server until both are unlocked.
 */
public final class DistributedReadWriteLock implements ReadWriteLock {
  private final DistributedLock read;
  private final DistributedLock write;

  DistributedReadWriteLock(LockState state, Duration ttl) {
    this.read = new DistributedLock(state, LockState.Mode.SHARED, ttl);
    this.write = new DistributedLock(state, LockState.Mode.EXCLUSIVE, ttl);
  }

  /** The shared mode. */
  @Override
  public DistributedLock readLock() {
    return read;
  }

  /** The exclusive mode. */
  @Override
  public DistributedLock writeLock() {
    return write;
  }
}
