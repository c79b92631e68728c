package io.distsync.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/** Redis settings from MicroProfile Config, and the clients built from them. */
@ApplicationScoped
public class RedisSettings {

  @Inject
  @ConfigProperty(name = "REDIS_URL", defaultValue = "redis://localhost:6379/0")
  String url;

  @Inject
  @ConfigProperty(name = "REDIS_POOL_SIZE", defaultValue = "32")
  int poolSize;

  @Inject
  @ConfigProperty(name = "REDIS_TIMEOUT", defaultValue = "2000")
  int timeoutMs;

  @Inject
  @ConfigProperty(name = "NODE_ID", defaultValue = "node1")
  String nodeId;

  public RedisUrl url() {
    return RedisUrl.parse(url);
  }

  public int timeoutMs() {
    return timeoutMs;
  }

  /** A pooled client with the given pool size and connect/read timeout. */
  public RedisClient newClient(int maxConnections, int timeout) {
    RedisUrl u = url();
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeout)
            .socketTimeoutMillis(timeout)
            .database(u.database())
            .clientName("distsync-" + nodeId)
            .ssl(u.tls());
    if (u.password() != null) {
      client.user(u.user()).password(u.password());
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(maxConnections);
    pool.setMaxIdle(maxConnections);
    pool.setMinIdle(0);
    pool.setMaxWait(Duration.ofMillis(timeout));
    pool.setTestWhileIdle(true);
    return RedisClient.builder()
        .hostAndPort(new HostAndPort(u.host(), u.port()))
        .clientConfig(client.build())
        .poolConfig(pool)
        .build();
  }

  /** The shared client's pool size. */
  public int poolSize() {
    return poolSize;
  }
}
