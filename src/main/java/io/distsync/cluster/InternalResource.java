package io.distsync.cluster;

import io.distsync.cluster.model.PingReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Node-to-node liveness ping; guarded by {@link ClusterSecretFilter}, not in the public API. */
@Path("/internal")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {

  @Inject ClusterConfig config;

  @GET
  @Path("/ping")
  public PingReply ping() {
    return new PingReply(config.nodeId(), System.currentTimeMillis());
  }
}
