package io.distsync.raft;

/**
 * Leadership was lost after the entry was appended but before it was seen committed: the outcome is
 * unknown (the entry may still commit under the next leader). Retry only idempotent commands.
 */
public final class LeadershipLostException extends RaftException {
  public LeadershipLostException(String message) {
    super(message);
  }
}
