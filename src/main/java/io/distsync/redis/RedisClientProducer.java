package io.distsync.redis;

import io.distsync.cluster.NodeLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import redis.clients.jedis.RedisClient;

/**
 * Produces the one pooled {@link RedisClient} the application shares, and closes it at shutdown.
 */
@ApplicationScoped
public class RedisClientProducer {
  private static final NodeLog LOG = NodeLog.of(RedisClientProducer.class);

  @Inject RedisSettings settings;

  // @Singleton, not @ApplicationScoped: RedisClient has final methods, so it cannot be proxied.
  @Produces
  @Singleton
  RedisClient redisClient() {
    LOG.info(
        "connecting to Redis at "
            + settings.url()
            + " (pool "
            + settings.poolSize()
            + ", timeout "
            + settings.timeoutMs()
            + " ms)");
    return settings.newClient(settings.poolSize(), settings.timeoutMs());
  }

  void close(@Disposes RedisClient client) {
    LOG.info("closing the Redis client");
    client.close();
  }
}
