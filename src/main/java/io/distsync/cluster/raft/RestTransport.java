package io.distsync.cluster.raft;

import io.distsync.cluster.NodeLog;
import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerClients;
import io.distsync.raft.Transport;
import io.distsync.raft.message.RaftMessage;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@link Transport} over MicroProfile Rest Client: every message is one asynchronous POST to the
 * target's {@code /internal/raft/messages/{type}}, so a slow or dead peer never delays the others.
 * Replies travel the same way in the other direction. A peer with too many calls in flight gets its
 * next messages dropped, which Raft tolerates (it retries).
 */
final class RestTransport implements Transport {
  private static final NodeLog LOG = NodeLog.of(RestTransport.class);

  /** Calls in flight to one peer before messages to it are dropped. */
  static final int MAX_IN_FLIGHT = 64;

  private final PeerClients clients;
  private final RaftWire wire = new RaftWire();
  private final Function<String, Optional<URI>> addressBook;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  /**
   * @param addressBook how this node reaches a member: its own PEERS first, else the URL in the
   *     replicated membership
   */
  RestTransport(PeerClients clients, Function<String, Optional<URI>> addressBook) {
    this.clients = clients;
    this.addressBook = addressBook;
  }

  @Override
  public void send(String targetId, RaftMessage message) {
    try {
      Optional<URI> url = addressBook.apply(targetId);
      if (url.isEmpty()) {
        return; // not a known member (yet): dropped, Raft retries
      }
      AtomicInteger count = inFlight.computeIfAbsent(targetId, k -> new AtomicInteger());
      if (count.incrementAndGet() > MAX_IN_FLIGHT) {
        count.decrementAndGet();
        return;
      }
      clients
          .client(new Peer(targetId, url.get()), RaftPeerApi.class)
          .deliver(wire.type(message), wire.encode(message))
          .whenComplete(
              (response, failure) -> {
                count.decrementAndGet();
                if (response != null) {
                  response.close();
                }
                noteOutcome(targetId, failure);
              });
    } catch (RuntimeException e) {
      noteOutcome(targetId, e); // Transport.send never throws
    }
  }

  private void noteOutcome(String targetId, Throwable failure) {
    if (failure == null) {
      if (failing.remove(targetId) != null) {
        LOG.info("Raft messages reach " + targetId + " again");
      }
    } else if (failing.put(targetId, Boolean.TRUE) == null) {
      LOG.warn("Raft messages to " + targetId + " fail: " + failure);
    }
  }
}
