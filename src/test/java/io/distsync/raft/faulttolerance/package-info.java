/**
 * Fault-tolerance scenarios told as stories ({@code when_X_then_Y}), each on a deterministic
 * simulated cluster and waiting with {@link io.distsync.raft.faulttolerance.Scenario#eventually}.
 */
package io.distsync.raft.faulttolerance;
