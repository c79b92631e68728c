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
  @Inject SentinelResolver sentinels;

  // @Singleton, not @ApplicationScoped: RedisClient has final methods, so it cannot be proxied.
  @Produces
  @Singleton
  RedisClient redisClient() {
    RedisClient client = sentinels.active() ? followPrimary() : single();
    ReplicaAcks.require(client, settings.minReplicasAck(), settings.waitTimeoutMs());
    return client;
  }

  /**
   * With sentinels: connections go to the primary the sentinels name, through a pool that is
   * replaced when the primary changes; REDIS_URL gives only database, credentials and TLS.
   */
  private RedisClient followPrimary() {
    LOG.info(
        "following the Redis primary of "
            + sentinels.master()
            + " through sentinels "
            + settings.sentinels()
            + " (pool "
            + settings.poolSize()
            + ", timeout "
            + settings.timeoutMs()
            + " ms, "
            + settings.minReplicasAck()
            + " replica acks per write within "
            + settings.waitTimeoutMs()
            + " ms)");
    PrimarySwitch primary =
        new PrimarySwitch(
            at -> settings.newPool(at, settings.poolSize(), settings.timeoutMs()),
            sentinels::askSoon);
    sentinels.onPrimary(primary::switchTo);
    return RedisClient.builder().connectionProvider(primary).build();
  }

  private RedisClient single() {
    LOG.info(
        "connecting to Redis at "
            + settings.url()
            + " (pool "
            + settings.poolSize()
            + ", timeout "
            + settings.timeoutMs()
            + " ms)");
    if (settings.minReplicasAck() > 0) {
      // WAIT counts the replicas attached to this one server; without them every write is a 503.
      LOG.warn(
          "REDIS_MIN_REPLICAS_ACK="
              + settings.minReplicasAck()
              + " without REDIS_SENTINELS: every acknowledged write waits for that many replicas of"
              + " the Redis at REDIS_URL and is answered 503 REDIS_UNAVAILABLE while fewer are"
              + " attached");
    }
    return settings.newClient(settings.poolSize(), settings.timeoutMs());
  }

  void close(@Disposes RedisClient client) {
    LOG.info("closing the Redis client");
    ReplicaAcks.forget(client);
    client.close();
  }
}
