/**
 * The distributed lock manager. {@link io.distsync.lock.LockTable} is the replicated state (plain
 * Java: holders, FIFO waiters, leases, the wait-for graph), fed by {@link
 * io.distsync.lock.LockCommand}s through the Raft log by {@link io.distsync.lock.LockStateMachine};
 * {@link io.distsync.lock.LockService} turns requests into commands and holds waiting acquires
 * asynchronously; the leader's {@link io.distsync.lock.LeaseExpiryTask} proposes expiries and
 * {@link io.distsync.lock.DeadlockScanTask} watches for cycles.
 */
package io.distsync.lock;
