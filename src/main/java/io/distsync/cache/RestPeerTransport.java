package io.distsync.cache;

import io.distsync.cache.mesi.PeerTransport;
import io.distsync.cache.model.PeerMessage;
import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerClients;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link PeerTransport} over MicroProfile Rest Client: one asynchronous POST to the target's {@code
 * /internal/cache/...} with the cluster secret and the peer timeouts ({@code PEER_CONNECT_TIMEOUT},
 * {@code PEER_READ_TIMEOUT}); a target that does not answer in time fails the call, which the
 * protocol treats as a dead peer.
 */
final class RestPeerTransport implements PeerTransport {
  private final PeerClients clients;
  private final Function<String, Optional<URI>> addressBook;

  RestPeerTransport(PeerClients clients, Function<String, Optional<URI>> addressBook) {
    this.clients = clients;
    this.addressBook = addressBook;
  }

  private CachePeerApi api(String nodeId) {
    URI url =
        addressBook
            .apply(nodeId)
            .orElseThrow(() -> new IllegalStateException("no address known for " + nodeId));
    return clients.client(new Peer(nodeId, url), CachePeerApi.class);
  }

  @Override
  public CompletableFuture<DowngradeReply> downgrade(String nodeId, String key, long epoch) {
    try {
      return api(nodeId)
          .downgrade(new PeerMessage(key, epoch))
          .toCompletableFuture()
          .thenApply(r -> new DowngradeReply(r.had(), r.kept(), r.value(), r.version()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Void> invalidate(String nodeId, String key, long epoch) {
    try {
      return api(nodeId)
          .invalidate(new PeerMessage(key, epoch))
          .toCompletableFuture()
          .thenApply(r -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
