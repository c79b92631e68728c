package io.distsync.raft;

/** Base of the typed failures a {@link RaftNode} completes client futures with. */
public abstract class RaftException extends RuntimeException {
  protected RaftException(String message) {
    super(message);
  }

  protected RaftException(String message, Throwable cause) {
    super(message, cause);
  }
}
