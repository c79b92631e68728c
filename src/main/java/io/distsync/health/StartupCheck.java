package io.distsync.health;

import io.distsync.cluster.ClusterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the application has initialized with a valid configuration. */
@Startup
@ApplicationScoped
public class StartupCheck implements HealthCheck {

  @Inject ClusterConfig config;

  private volatile boolean started;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    config.nodeId(); // resolves and validates the configuration
    started = true;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("application")
        .status(started)
        .withData("nodeId", config.nodeId())
        .build();
  }
}
