package io.distsync.cluster.channel;

/**
 * A call that was sent but not answered: the connection closed or the deadline passed first. The
 * peer may or may not have acted on it, so a caller must not simply retry what is not idempotent.
 */
public final class CallOutcomeUnknownException extends RuntimeException {
  public CallOutcomeUnknownException(String message) {
    super(message, null, false, false);
  }
}
