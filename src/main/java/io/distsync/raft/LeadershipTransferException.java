package io.distsync.raft;

/**
 * A leadership transfer is in progress (proposals are refused meanwhile; retry shortly), or a
 * transfer request was refused.
 */
public final class LeadershipTransferException extends RaftException {
  public LeadershipTransferException(String message) {
    super(message);
  }
}
