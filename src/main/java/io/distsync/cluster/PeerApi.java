package io.distsync.cluster;

import io.distsync.cluster.model.PingReply;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * The node-to-node API as a MicroProfile Rest Client interface. Calls are asynchronous so that a
 * slow or dead peer never holds up the others; every client has connect and read timeouts.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface PeerApi {

  @GET
  @Path("/ping")
  CompletionStage<PingReply> ping();
}
