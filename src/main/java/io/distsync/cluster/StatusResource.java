package io.distsync.cluster;

import io.distsync.cluster.model.NodeStatus;
import io.distsync.cluster.raft.RaftService;
import io.distsync.raft.RaftStatus;
import io.distsync.redis.RedisProbe;
import io.distsync.security.Requires;
import io.distsync.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /status}: a summary of this node. */
@Path("/status")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Requires(Role.READER)
public class StatusResource {

  @Inject ClusterConfig config;
  @Inject PeerMonitor peers;
  @Inject RedisProbe redis;
  @Inject RaftService raft;
  @Inject io.distsync.queue.RingService queues;
  @Inject io.distsync.cache.CacheService cache;

  private volatile long startedAt = System.currentTimeMillis();

  void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    startedAt = System.currentTimeMillis();
  }

  @GET
  public NodeStatus status() {
    long now = System.currentTimeMillis();
    RaftStatus r = raft.node().status();
    return new NodeStatus(
        config.nodeId(),
        config.selfUrl().toString(),
        r.role().name(),
        r.term(),
        r.leaderId(),
        startedAt,
        now - startedAt,
        redis.probe(),
        peers.view(),
        queues.status(),
        cache.summary());
  }
}
