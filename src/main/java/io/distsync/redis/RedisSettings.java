package io.distsync.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** Redis settings from MicroProfile Config, and the clients built from them. */
@ApplicationScoped
public class RedisSettings {
  @Inject io.distsync.security.ClusterTls tls;

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

  /** Sentinels of the main Redis, {@code host:port,...}; empty: the one Redis of REDIS_URL. */
  @Inject
  @ConfigProperty(name = "REDIS_SENTINELS")
  Optional<String> sentinels;

  @Inject
  @ConfigProperty(name = "REDIS_SENTINEL_MASTER", defaultValue = "distsync")
  String sentinelMaster;

  /** Replica acks per acknowledged write; unset: 1 with sentinels, 0 without. */
  @Inject
  @ConfigProperty(name = "REDIS_MIN_REPLICAS_ACK", defaultValue = "-1")
  int minReplicasAck;

  @Inject
  @ConfigProperty(name = "REDIS_WAIT_TIMEOUT", defaultValue = "1000")
  long waitTimeoutMs;

  /** The sentinels of the main Redis; empty for a single Redis. */
  public List<HostAndPort> sentinels() {
    return SentinelQuery.parse(sentinels.orElse(""));
  }

  public String sentinelMaster() {
    return sentinelMaster;
  }

  /** How many replicas must confirm an acknowledged write (0: no WAIT). */
  public int minReplicasAck() {
    if (minReplicasAck >= 0) {
      return minReplicasAck;
    }
    return sentinels().isEmpty() ? 0 : 1;
  }

  /** How long a write waits for its replica acks, ms. */
  public long waitTimeoutMs() {
    return waitTimeoutMs;
  }

  public RedisUrl url() {
    return RedisUrl.parse(url);
  }

  public int timeoutMs() {
    return timeoutMs;
  }

  /** A pooled client of {@code REDIS_URL} with the given pool size and connect/read timeout. */
  public RedisClient newClient(int maxConnections, int timeout) {
    return newClient(url(), maxConnections, timeout);
  }

  /** A pooled client of {@code u} with the given pool size and connect/read timeout. */
  public RedisClient newClient(RedisUrl u, int maxConnections, int timeout) {
    return RedisClient.builder()
        .hostAndPort(new HostAndPort(u.host(), u.port()))
        .clientConfig(clientConfig(u, timeout))
        .poolConfig(poolConfig(maxConnections, timeout))
        .build();
  }

  private static ConnectionPoolConfig poolConfig(int maxConnections, int timeout) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(maxConnections);
    pool.setMaxIdle(maxConnections);
    pool.setMinIdle(0);
    pool.setMaxWait(Duration.ofMillis(timeout));
    pool.setTestWhileIdle(true);
    return pool;
  }

  /** A pool of {@code at} with REDIS_URL's database, credentials and TLS (sentinel mode). */
  public PooledConnectionProvider newPool(HostAndPort at, int maxConnections, int timeout) {
    return new PooledConnectionProvider(
        at, clientConfig(url(), timeout), poolConfig(maxConnections, timeout));
  }

  /** One connection of its own to {@code at} with REDIS_URL's database and credentials. */
  public Jedis connect(HostAndPort at, int timeout) {
    return new Jedis(at, clientConfig(url(), timeout));
  }

  /**
   * One connection of its own, never pooled: for a subscription, whose connection must not go back
   * to a pool that other calls share (it would carry the channel's messages to them).
   */
  public Jedis connect(RedisUrl u, int timeout) {
    return new Jedis(new HostAndPort(u.host(), u.port()), clientConfig(u, timeout));
  }

  private DefaultJedisClientConfig clientConfig(RedisUrl u, int timeout) {
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeout)
            .socketTimeoutMillis(timeout)
            .database(u.database())
            .clientName("distsync-" + nodeId)
            .ssl(u.tls());
    if (u.tls()) {
      // rediss:// verifies the server against the cluster's CA when TLS is on (else the JDK's CAs)
      tls.context().ifPresent(ssl -> client.sslSocketFactory(ssl.getSocketFactory()));
    }
    if (u.password() != null) {
      client.user(u.user()).password(u.password());
    }
    return client.build();
  }

  /** The shared client's pool size. */
  public int poolSize() {
    return poolSize;
  }
}
