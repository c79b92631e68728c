package io.distsync.client;

/**
 * The lease of a held lock ran out or the server no longer knows the hold: whatever the holder
 * wrote after that point was not protected. Thrown by {@code unlock()} of a lost lock (code {@code
 * LEASE_LOST} when the client found out by itself, status 0).
 */
public class LeaseLostException extends DistSyncException {
  private static final long serialVersionUID = 1L;

  /** A lost lease, with the code and status of the answer that revealed it. */
  public LeaseLostException(String code, int status, String message) {
    super(code, status, message);
  }
}
