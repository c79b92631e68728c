package io.distsync.cache;

import io.distsync.cache.model.AckView;
import io.distsync.cache.model.DowngradeView;
import io.distsync.cache.model.PeerMessage;
import io.distsync.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * The cache's node-to-node endpoints over HTTP (the nodes themselves use the peer channel, {@link
 * ChannelPeerTransport}; these stay for operators and tests), guarded by the cluster secret and not
 * in the public OpenAPI. Both answer once done: a MODIFIED line is in Redis before the answer
 * leaves.
 */
@Path("/internal/cache")
@ApplicationScoped
public class CacheInternalResource {

  @Inject CacheService cache;

  @POST
  @Path("/downgrade")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<DowngradeView> downgrade(PeerMessage message) {
    String key = valid(message);
    return cache
        .onDowngrade(key, message.epoch())
        .thenApply(r -> new DowngradeView(r.had(), r.kept(), r.value(), r.version()));
  }

  @POST
  @Path("/invalidate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<AckView> invalidate(PeerMessage message) {
    String key = valid(message);
    return cache.onInvalidate(key, message.epoch()).thenApply(v -> new AckView(true));
  }

  private static String valid(PeerMessage message) {
    if (message == null || message.key() == null) {
      throw ApiException.invalid("key is required");
    }
    return CacheRequests.keyOrAll(message.key());
  }
}
