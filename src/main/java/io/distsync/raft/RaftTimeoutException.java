package io.distsync.raft;

/** The operation did not finish in time. For proposals the outcome is unknown. */
public final class RaftTimeoutException extends RaftException {
  public RaftTimeoutException(String message) {
    super(message);
  }
}
