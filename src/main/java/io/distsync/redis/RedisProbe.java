package io.distsync.redis;

import io.distsync.cluster.model.RedisStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * PINGs Redis for readiness and {@code /status} on a small client of its own whose connect and read
 * timeouts are {@link #TIMEOUT_MS}, so a probe never waits longer than that and never competes with
 * requests for pooled connections. With sentinels it follows the primary they name, as the shared
 * client does, and reports their view.
 */
@ApplicationScoped
public class RedisProbe {
  /** The longest a probe waits for Redis. */
  public static final int TIMEOUT_MS = 1000;

  @Inject RedisSettings settings;
  @Inject SentinelResolver sentinels;

  private RedisClient client;
  private PrimarySwitch primary;

  @PostConstruct
  void open() {
    if (sentinels.active()) {
      primary = new PrimarySwitch(at -> settings.newPool(at, 2, TIMEOUT_MS), sentinels::askSoon);
      sentinels.onPrimary(primary::switchTo);
      client = RedisClient.builder().connectionProvider(primary).build();
    } else {
      client = settings.newClient(2, TIMEOUT_MS);
    }
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public RedisStatus probe() {
    long start = System.nanoTime();
    String at = primaryAt();
    try {
      client.ping();
      return new RedisStatus(
          settings.url().redacted(),
          true,
          (System.nanoTime() - start) / 1_000_000,
          null,
          at,
          view());
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new RedisStatus(settings.url().redacted(), false, -1, reason, at, view());
    }
  }

  private String primaryAt() {
    if (primary == null) {
      return settings.url().host() + ":" + settings.url().port();
    }
    HostAndPort p = primary.primary();
    return p == null ? null : p.toString();
  }

  private RedisStatus.SentinelView view() {
    if (!sentinels.active()) {
      return null;
    }
    return new RedisStatus.SentinelView(
        sentinels.master(),
        settings.minReplicasAck(),
        sentinels.answers().stream()
            .map(
                a ->
                    new RedisStatus.SentinelAnswer(
                        a.sentinel().toString(),
                        a.primary() == null ? null : a.primary().toString(),
                        a.error()))
            .toList());
  }
}
