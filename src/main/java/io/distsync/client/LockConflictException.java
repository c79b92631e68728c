package io.distsync.client;

/**
 * 409 {@code LOCK_CONFLICT}: the lock was not granted within the wait, or the owner waits already.
 */
public class LockConflictException extends DistSyncException {
  private static final long serialVersionUID = 1L;

  /** A conflict as the server described it. */
  public LockConflictException(String code, int status, String message) {
    super(code, status, message);
  }
}
