package io.distsync.cache.mesi;

import io.distsync.cache.RedisDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The directory contract on the real Lua scripts, in the Redis the build starts for the integration
 * tests (database 5, apart from the servers').
 */
class RedisDirectoryIT extends DirectoryContract {
  private static RedisClient redis;

  @BeforeAll
  static void connect() {
    int port = Integer.parseInt(System.getProperty("it.redis.port", "6379"));
    redis =
        RedisClient.builder()
            .hostAndPort(new HostAndPort("localhost", port))
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .database(5)
                    .connectionTimeoutMillis(2000)
                    .socketTimeoutMillis(2000)
                    .build())
            .build();
  }

  @AfterAll
  static void close() {
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  protected Directory directory() {
    return new RedisDirectory(redis);
  }
}
