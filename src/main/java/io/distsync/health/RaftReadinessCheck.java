package io.distsync.health;

import io.distsync.cluster.raft.RaftService;
import io.distsync.raft.RaftStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once this node has replayed its Raft log and knows a leader. */
@Readiness
@ApplicationScoped
public class RaftReadinessCheck implements HealthCheck {

  @Inject RaftService raft;

  @Override
  public HealthCheckResponse call() {
    if (raft.node() == null) {
      return HealthCheckResponse.named("raft").down().build();
    }
    RaftStatus s = raft.node().status();
    return HealthCheckResponse.named("raft")
        .status(raft.isReady())
        .withData("replayed", raft.isReplayed())
        .withData("role", s.role().name())
        .withData("term", s.term())
        .withData("leaderId", s.leaderId() == null ? "none" : s.leaderId())
        .build();
  }
}
