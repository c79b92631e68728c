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

  /** The HTTP status, 0 when no node answered. */
  public int status() {
    return status;
  }
}
