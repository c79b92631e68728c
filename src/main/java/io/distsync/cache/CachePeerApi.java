package io.distsync.cache;

import io.distsync.cache.model.AckView;
import io.distsync.cache.model.DowngradeView;
import io.distsync.cache.model.PeerMessage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * The cache's node-to-node calls (MicroProfile Rest Client); the server side is {@link
 * CacheInternalResource}.
 */
@Path("/internal/cache")
public interface CachePeerApi {

  @POST
  @Path("/downgrade")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  CompletionStage<DowngradeView> downgrade(PeerMessage message);

  @POST
  @Path("/invalidate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  CompletionStage<AckView> invalidate(PeerMessage message);
}
