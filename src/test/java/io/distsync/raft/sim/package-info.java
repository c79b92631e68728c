/**
 * Deterministic simulation of Raft clusters: one seeded {@link java.util.Random} drives a
 * discrete-event scheduler, a lossy network, timers and crashes; checkers verify the Raft safety
 * properties after every event and linearizability of client histories.
 */
package io.distsync.raft.sim;
