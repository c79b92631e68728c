package io.distsync.dashboard;

import io.distsync.dashboard.model.NodeFigures;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/** A peer's dashboard figures, as a MicroProfile Rest Client interface (asynchronous). */
@Path("/internal/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public interface DashboardPeerApi {

  @GET
  @Path("/node")
  CompletionStage<NodeFigures> node();
}
