package io.distsync.redis;

import io.distsync.cluster.NodeLog;
import io.distsync.error.ApiExceptionMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Redis out of reach is 503 {@code REDIS_UNAVAILABLE} with {@code Retry-After}, not a 500. */
@Provider
public class RedisUnavailableMapper implements ExceptionMapper<JedisConnectionException> {
  private static final NodeLog LOG = NodeLog.of(RedisUnavailableMapper.class);

  @Override
  public Response toResponse(JedisConnectionException e) {
    LOG.warn("Redis is unavailable: " + e.getMessage());
    return new ApiExceptionMapper().toResponse(new RedisUnavailable(e));
  }
}
