package io.distsync.raft;

/**
 * Safety rules the engine can be told to break, <b>for tests only</b>: the simulation must detect
 * each of them. Set through {@link RaftConfig.Builder#unsafeRulesForTesting}; never in production.
 */
public enum UnsafeRule {
  /** Commit an entry of an earlier term as soon as a majority stores it (breaks §5.4.2, Fig. 8). */
  COMMIT_PREVIOUS_TERM_BY_COUNTING,
  /** Grant a vote even after having voted for another candidate in the same term (breaks §5.2). */
  GRANT_TWO_VOTES_PER_TERM,
  /** Grant votes without the "candidate's log is at least as up-to-date" check (breaks §5.4.1). */
  SKIP_LOG_UP_TO_DATE_CHECK,
  /**
   * Acknowledge AppendEntries before the entries are synced to disk (breaks Fig. 2 persistence).
   */
  ACK_BEFORE_SYNC
}
