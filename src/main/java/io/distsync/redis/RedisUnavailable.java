package io.distsync.redis;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * 503 {@code REDIS_UNAVAILABLE} with {@code Retry-After} (contract, General) for every way Redis
 * can be out of reach: no connection, no pooled connection within the timeout, or a Redis that
 * answers but cannot serve yet (loading its AOF after a restart, busy with a script).
 */
public class RedisUnavailable extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Told when a Redis answers READONLY: it was demoted, so the primary is asked for again. */
  private static volatile Runnable readOnlySeen = () -> {};

  /** Sets what a READONLY answer triggers (the sentinel resolver's on-demand ask). */
  public static void onReadOnly(Runnable hook) {
    readOnlySeen = hook == null ? () -> {} : hook;
  }

  public RedisUnavailable(Throwable cause) {
    super(ErrorCode.REDIS_UNAVAILABLE, "Redis cannot be reached; try again shortly.", cause);
  }

  /** The same code and status with a message of its own. */
  protected RedisUnavailable(String message) {
    super(ErrorCode.REDIS_UNAVAILABLE, message);
  }

  /** Runs a Redis call, turning an outage into this exception. */
  public static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** An outage as this exception; any other failure unchanged. */
  public static RuntimeException translate(RuntimeException e) {
    if (e instanceof RedisUnavailable || e instanceof ApiException) {
      return e;
    }
    if (e instanceof JedisConnectionException) {
      return new RedisUnavailable(e);
    }
    if (e instanceof JedisDataException d) {
      String m = d.getMessage() == null ? "" : d.getMessage();
      if (m.startsWith("READONLY")) {
        readOnlySeen.run();
      }
      boolean transientState =
          m.startsWith("LOADING")
              || m.startsWith("BUSY")
              || m.startsWith("MASTERDOWN")
              || m.startsWith("TRYAGAIN")
              || m.startsWith("READONLY")
              || m.startsWith("MISCONF");
      return transientState ? new RedisUnavailable(e) : e;
    }
    if (e instanceof JedisException) {
      // The pool gave no connection within the timeout, or similar: Redis is not serving us.
      return new RedisUnavailable(e);
    }
    return e;
  }
}
