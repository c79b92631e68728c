package io.distsync.error;

/** Error codes of the public contract and the HTTP status each one is answered with. */
public enum ErrorCode {
  INVALID_REQUEST(400),
  UNAUTHORIZED(401),
  /** A public operation without a valid bearer token. */
  UNAUTHENTICATED(401, false),
  /** A valid token without the role or the name scope the operation needs. */
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  NOT_ACCEPTABLE(406),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  INTERNAL_ERROR(500),
  NO_QUORUM(503),
  REDIS_UNAVAILABLE(503),
  LOCK_CONFLICT(409, false),
  DEADLOCK(409, false),
  NOT_HELD(404, false),
  STALE_TOKEN(409, false),
  /** The Raft leader refused a membership change (another in progress, a lagging learner, ...). */
  MEMBERSHIP_CHANGE_REFUSED(409, false),
  /** A cache key stayed locked by other operations past the request timeout; try again. */
  CACHE_BUSY(503, false),
  /** A configured cap (queues, waiters per lock, locks per owner, ...) would be exceeded. */
  LIMIT_EXCEEDED(429, false),
  /** The node is short of memory and refuses new work until a collection frees enough. */
  OVERLOADED(503, false);

  private final int status;

  /** True for codes the container's own answers map to (see {@link #forStatus}). */
  private final boolean generic;

  ErrorCode(int status) {
    this(status, true);
  }

  ErrorCode(int status, boolean generic) {
    this.status = status;
    this.generic = generic;
  }

  public int status() {
    return status;
  }

  /** The code for a status the container produced by itself (unknown path, wrong method, ...). */
  public static ErrorCode forStatus(int status) {
    for (ErrorCode code : values()) {
      if (code.generic && code.status == status) {
        return code;
      }
    }
    return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
  }
}
