package io.distsync.raft;

/** The node was shut down (or stopped after a disk failure) before the operation finished. */
public final class RaftShutdownException extends RaftException {
  public RaftShutdownException(String message) {
    super(message);
  }

  public RaftShutdownException(String message, Throwable cause) {
    super(message, cause);
  }
}
