package io.distsync.raft;

/** What a node currently is (§5.1, plus pre-vote and non-voting learners). */
public enum RaftRole {
  FOLLOWER,
  /** Asking for pre-votes without bumping its term (dissertation §9.6). */
  PRE_CANDIDATE,
  CANDIDATE,
  LEADER,
  /** Not a voter in the current membership: receives the log, never campaigns. */
  LEARNER
}
