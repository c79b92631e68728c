package io.distsync.health;

import io.distsync.cluster.model.RedisStatus;
import io.distsync.redis.RedisProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Redis answers a PING within {@link RedisProbe#TIMEOUT_MS}. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

  @Inject RedisProbe redis;

  @Override
  public HealthCheckResponse call() {
    RedisStatus status = redis.probe();
    HealthCheckResponseBuilder builder =
        HealthCheckResponse.named("redis")
            .status(status.reachable())
            .withData("url", status.url())
            .withData("latencyMs", status.latencyMs());
    if (status.primary() != null) {
      builder.withData("primary", status.primary());
    }
    if (status.error() != null) {
      builder.withData("error", status.error());
    }
    return builder.build();
  }
}
