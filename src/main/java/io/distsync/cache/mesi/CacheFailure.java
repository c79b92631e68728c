package io.distsync.cache.mesi;

/**
 * Why a cache operation did not succeed; the REST layer turns each kind into its error response.
 */
public final class CacheFailure extends RuntimeException {

  /** The kinds of failure. */
  public enum Kind {
    /** This node holds no lease (it cannot reach a majority, or Redis): it does not serve. */
    NOT_SERVING,
    /** The key's lock stayed taken until the request timeout. */
    BUSY,
    /** A write-back write lost its line to a concurrent operation before it could be seen. */
    WRITE_NOT_APPLIED,
    /** No value for the key. */
    NOT_FOUND
  }

  private final Kind kind;

  public CacheFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The {@link CacheFailure} in a cause chain, or null. */
  public static CacheFailure in(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CacheFailure f) {
        return f;
      }
    }
    return null;
  }
}
