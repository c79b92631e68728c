package io.distsync.raft;

/** A membership change was refused (another one in flight, member unknown, not caught up...). */
public final class MembershipChangeException extends RaftException {
  public MembershipChangeException(String message) {
    super(message);
  }
}
