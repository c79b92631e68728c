package io.distsync.redis;

import io.distsync.cluster.model.RedisStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.RedisClient;

/**
 * PINGs Redis for readiness and {@code /status} on a small client of its own whose connect and read
 * timeouts are {@link #TIMEOUT_MS}, so a probe never waits longer than that and never competes with
 * requests for pooled connections.
 */
@ApplicationScoped
public class RedisProbe {
  /** The longest a probe waits for Redis. */
  public static final int TIMEOUT_MS = 1000;

  @Inject RedisSettings settings;

  private RedisClient client;

  @PostConstruct
  void open() {
    client = settings.newClient(2, TIMEOUT_MS);
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public RedisStatus probe() {
    long start = System.nanoTime();
    try {
      client.ping();
      return new RedisStatus(
          settings.url().redacted(), true, (System.nanoTime() - start) / 1_000_000, null);
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new RedisStatus(settings.url().redacted(), false, -1, reason);
    }
  }
}
