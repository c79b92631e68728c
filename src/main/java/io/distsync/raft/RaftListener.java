package io.distsync.raft;

/**
 * Observes a node: role, leader and term changes plus metric hooks. Every method has a no-op
 * default. Called on the node's executor: implementations must be quick and must not block.
 */
public interface RaftListener {
  RaftListener NO_OP = new RaftListener() {};

  default void onRoleChanged(String nodeId, RaftRole role, long term) {}

  default void onLeaderChanged(String nodeId, String leaderId, long term) {}

  default void onTermChanged(String nodeId, long term) {}

  /** An election (or, with {@code preVote}, a pre-vote round) started. */
  default void onElectionStarted(String nodeId, long term, boolean preVote) {}

  default void onCommitIndexChanged(String nodeId, long commitIndex) {}

  /** Time from sending an AppendEntries round to a follower's reply. */
  default void onAppendEntriesRoundTrip(String nodeId, String followerId, long millis) {}

  /** Time from a proposal's arrival on the leader to its application. */
  default void onProposalLatency(String nodeId, long millis) {}

  default void onFsync(String nodeId, long millis, long durableIndex) {}

  /** A leader appended a batch of proposals (one disk sync, one replication round). */
  default void onEntriesPerBatch(String nodeId, int entries) {}

  default void onSnapshotTaken(String nodeId, long lastIncludedIndex) {}

  default void onSnapshotInstalled(String nodeId, long lastIncludedIndex) {}
}
