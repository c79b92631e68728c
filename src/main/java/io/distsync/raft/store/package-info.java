/**
 * {@link io.distsync.raft.RaftStore} implementations: {@link io.distsync.raft.store.FileRaftStore}
 * for production and {@code InMemoryRaftStore} for tests and the simulation (it can crash and lose
 * unsynced writes).
 *
 * <p>Layout of a {@code FileRaftStore} under its data directory:
 *
 * <ul>
 *   <li>{@code meta}: current term and vote, replaced atomically (temp file, fsync, rename).
 *   <li>{@code log/segment-<firstIndex>.log}: append-only segments of CRC32C-checked records.
 *   <li>{@code snapshot/snapshot-<index>-<term>.snap}: the latest snapshot, checksummed.
 * </ul>
 *
 * <p>Plain Java (no Jakarta imports) so the engine's unit tests and simulation can use it.
 */
package io.distsync.raft.store;
