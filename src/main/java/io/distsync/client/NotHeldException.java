package io.distsync.client;

/**
 * 404 {@code NOT_HELD} or 409 {@code STALE_TOKEN}: a release or renewal of a hold the server does
 * not have (never held, released, expired, or a newer grant replaced it).
 */
public class NotHeldException extends DistSyncException {
  private static final long serialVersionUID = 1L;

  /** The server's answer. */
  public NotHeldException(String code, int status, String message) {
    super(code, status, message);
  }
}
