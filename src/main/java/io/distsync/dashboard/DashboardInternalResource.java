package io.distsync.dashboard;

import io.distsync.dashboard.model.NodeFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /internal/dashboard/node}: this node's figures for the dashboard of a peer. Guarded by
 * the cluster secret like every {@code /internal/} path, and not in the public OpenAPI.
 */
@Path("/internal/dashboard")
@ApplicationScoped
public class DashboardInternalResource {

  @Inject DashboardService dashboard;

  @GET
  @Path("/node")
  @Produces(MediaType.APPLICATION_JSON)
  public NodeFigures node() {
    return dashboard.ownFigures();
  }
}
