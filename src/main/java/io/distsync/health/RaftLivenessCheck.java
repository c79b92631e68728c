package io.distsync.health;

import io.distsync.cluster.raft.RaftService;
import io.distsync.raft.RaftNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down once the Raft engine stopped after a disk failure (a full disk, an I/O error): the node
 * cannot take part again without a restart, which reloads its log from disk. An orchestrator that
 * restarts a node whose liveness is down (Compose, Kubernetes) then brings it back, once there is
 * space again.
 */
@Liveness
@ApplicationScoped
public class RaftLivenessCheck implements HealthCheck {

  @Inject RaftService raft;

  @Override
  public HealthCheckResponse call() {
    RaftNode node = raft.node();
    Throwable failure = node == null ? null : node.failure();
    if (failure == null) {
      return HealthCheckResponse.named("raft-disk").up().build();
    }
    return HealthCheckResponse.named("raft-disk")
        .down()
        .withData("failure", String.valueOf(failure.getMessage()))
        .withData("action", "free space in DATA_DIR, then restart the node")
        .build();
  }
}
