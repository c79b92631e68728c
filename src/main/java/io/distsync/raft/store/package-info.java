/**
 * {@link io.distsync.raft.RaftStore} implementations: {@code InMemoryRaftStore} for tests and the
 * simulation (it can crash and lose unsynced writes), {@code FileRaftStore} for production.
 */
package io.distsync.raft.store;
