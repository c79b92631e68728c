package io.distsync.dashboard.model;

/**
 * A change of the leader or term as the node serving the dashboard saw it.
 *
 * @param leaderId the new leader, null during an election
 */
public record LeaderChange(long at, long term, String leaderId) {}
