package io.distsync.client;

/**
 * A failed call: the server's error {@link #code()} (such as {@code LOCK_CONFLICT}) and HTTP {@link
 * #status()}, or, when no node answered within the call's deadline, the code {@code UNAVAILABLE}
 * and status 0. Unchecked, as every exception of this client.
 */
public class DistSyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The code of a call that no node answered within its deadline. */
  public static final String UNAVAILABLE = "UNAVAILABLE";

  private final String code;
  private final int status;
  private boolean afterRetry;

  /** An error with the server's code, HTTP status and message. */
  public DistSyncException(String code, int status, String message) {
    this(code, status, message, null);
  }

  /** As {@link #DistSyncException(String, int, String)}, with a cause. */
  public DistSyncException(String code, int status, String message, Throwable cause) {
    super(code + " (" + status + "): " + message, cause);
    this.code = code;
    this.status = status;
  }

  /** The stable error code of the server's answer ({@code error}), or {@code UNAVAILABLE}. */
  public String code() {
    return code;
  }

  /**
   * Whether this answer came to a retry of the call (an earlier attempt got no answer or a 503, so
   * it may have taken effect: a release answered {@code NOT_HELD} after a retry released).
   */
  public boolean afterRetry() {
    return afterRetry;
  }

  DistSyncException afterRetry(boolean retried) {
    this.afterRetry = retried;
    return this;
  }

  /** The HTTP status, 0 when no node answered. */
  public int status() {
    return status;
  }
}
