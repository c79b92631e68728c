package io.distsync.cache;

import io.distsync.cache.mesi.CacheFailure;
import io.distsync.error.ApiException;
import io.distsync.error.ApiExceptionMapper;
import io.distsync.error.ErrorCode;
import io.distsync.redis.RedisUnavailable;
import io.distsync.redis.RedisUnavailableMapper;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The protocol's failures as the contract's errors: no value is 404 {@code NOT_FOUND}; a node that
 * does not serve (no majority, no lease) is 503 {@code NO_QUORUM}; a key locked too long or an
 * overtaken write is 503 {@code CACHE_BUSY}; both with {@code Retry-After}. Redis failures are
 * rethrown for {@code RedisUnavailableMapper}.
 */
final class CacheErrors {
  private CacheErrors() {}

  static ApiException busy(String message) {
    return new ApiException(ErrorCode.CACHE_BUSY, message); // a 503, with Retry-After
  }

  /**
   * A failed operation's answer: the contract's error for a protocol failure or an unreachable
   * Redis (the same bodies as the exception mappers'); anything else is rethrown for the mappers
   * (an unexpected failure, a logged 500).
   */
  static Response response(Throwable failure) {
    // Redis out of reach is 503 REDIS_UNAVAILABLE in every way the queues see it too (no
    // connection, no pooled connection in time, a Redis still loading), never a 500.
    RuntimeException e = RedisUnavailable.translate(of(failure));
    if (e instanceof ApiException api) {
      return new ApiExceptionMapper().toResponse(api);
    }
    if (e instanceof JedisConnectionException redis) {
      return new RedisUnavailableMapper().toResponse(redis);
    }
    throw e;
  }

  static RuntimeException of(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    CacheFailure f = CacheFailure.in(t);
    if (f != null) {
      return switch (f.kind()) {
        case NOT_FOUND -> new ApiException(ErrorCode.NOT_FOUND, f.getMessage());
        case NOT_SERVING -> new ApiException(ErrorCode.NO_QUORUM, f.getMessage());
        case BUSY, WRITE_NOT_APPLIED -> busy(f.getMessage());
      };
    }
    if (t instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException(t);
  }
}
