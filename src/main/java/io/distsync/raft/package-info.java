/**
 * The Raft consensus engine: plain Java, no Jakarta imports, so it runs in unit tests and in the
 * deterministic simulation.
 *
 * <p>The face is {@link io.distsync.raft.RaftNode} (built with {@link
 * io.distsync.raft.RaftNode#builder()}) and {@link io.distsync.raft.RaftConfig}. The plug-in points
 * are {@link io.distsync.raft.Transport}, {@link io.distsync.raft.StateMachine}, {@link
 * io.distsync.raft.RaftStore} and {@link io.distsync.raft.RaftExecutor} (production: {@link
 * io.distsync.raft.SerialRaftExecutor}). All of a node's state changes run on its one serial
 * executor (actor style), so the engine takes no locks. Client futures fail with the typed {@link
 * io.distsync.raft.RaftException}s; {@link io.distsync.raft.RaftStatus} and {@link
 * io.distsync.raft.RaftListener} are for introspection and metrics. The storage records ({@link
 * io.distsync.raft.LogEntry}, {@link io.distsync.raft.Snapshot}, {@link
 * io.distsync.raft.Membership}...) are shared with the stores. {@link io.distsync.raft.UnsafeRule}
 * exists only so tests can prove the simulation catches broken rules.
 *
 * <p>Messages live in {@code io.distsync.raft.message}, the engine internals in {@code
 * io.distsync.raft.impl}, store implementations in {@code io.distsync.raft.store}.
 */
package io.distsync.raft;
