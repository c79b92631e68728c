package io.distsync.raft;

import java.util.Optional;

/** The request needs the leader and this node is not it. Nothing was appended; safe to retry. */
public final class NotLeaderException extends RaftException {
  private final String leaderId;

  public NotLeaderException(String nodeId, String leaderId) {
    super(
        "node "
            + nodeId
            + " is not the leader"
            + (leaderId == null ? " (leader unknown)" : "; leader is " + leaderId));
    this.leaderId = leaderId;
  }

  /** The leader this node knows of, if any: where to retry. */
  public Optional<String> leaderId() {
    return Optional.ofNullable(leaderId);
  }
}
