/**
 * The Raft consensus engine: plain Java, no Jakarta imports, so it runs in unit tests and in the
 * deterministic simulation.
 *
 * <p>{@code RaftNode} and {@code RaftConfig} are the face; {@code Transport}, {@code StateMachine}
 * and {@link io.distsync.raft.RaftStore} are the plug-in points. All of a node's state changes run
 * on one serial executor (actor style), so the engine itself takes no locks.
 */
package io.distsync.raft;
