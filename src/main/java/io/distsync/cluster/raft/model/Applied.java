package io.distsync.cluster.raft.model;

/**
 * A committed and applied proposal.
 *
 * @param index the log index of the entry
 * @param term the leader's term when it was applied
 * @param leaderId the leader that committed it
 * @param result the state machine's answer, as text (JSON for the features' commands)
 */
public record Applied(long index, long term, String leaderId, String result) {}
