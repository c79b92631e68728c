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

  /**
   * Calls in flight to one peer before messages to it are dropped. Each holds an executor thread
   * until it is answered or times out, so a dead peer costs at most this many threads.
   */
  static final int MAX_IN_FLIGHT = 8;

  private final PeerClients clients;
  private final java.util.concurrent.Executor callers;
  private final long timeoutMs;
  private final RaftWire wire = new RaftWire();
  private final Function<String, Optional<URI>> addressBook;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  /**
   * @param addressBook how this node reaches a member: its own PEERS first, else the URL in the
   *     replicated membership
   * @param callers where calls start (they may block)
   * @param timeoutMs connect and read timeout of one message: the minimum election timeout, since a
   *     message later than that is of no use and only holds a thread
   */
  RestTransport(
      PeerClients clients,
      Function<String, Optional<URI>> addressBook,
      java.util.concurrent.Executor callers,
      long timeoutMs) {
    this.clients = clients;
    this.addressBook = addressBook;
    this.callers = callers;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void send(String targetId, RaftMessage message) {
    try {
      Optional<URI> url = addressBook.apply(targetId);
      if (url.isEmpty()) {
        return; // not a known member (yet): dropped, Raft retries
      }
      String type = wire.type(message);
      String json = wire.encode(message);
      AtomicInteger count = inFlight.computeIfAbsent(targetId, k -> new AtomicInteger());
      if (count.incrementAndGet() > MAX_IN_FLIGHT) {
        count.decrementAndGet();
        return;
      }
      // Even starting a call may block (a full connection pool to a dead peer): never on the
      // Raft node's thread.
      try {
        callers.execute(() -> deliver(targetId, url.get(), type, json, count));
      } catch (RuntimeException rejected) {
        count.decrementAndGet();
        throw rejected;
      }
    } catch (RuntimeException e) {
      noteOutcome(targetId, e); // Transport.send never throws
    }
  }

  private void deliver(String targetId, URI url, String type, String json, AtomicInteger count) {
    try {
      clients
          .client(new Peer(targetId, url), RaftPeerApi.class, timeoutMs, timeoutMs)
          .deliver(type, json)
          .whenComplete(
              (response, failure) -> {
                count.decrementAndGet();
                if (response != null) {
                  response.close();
                }
                noteOutcome(targetId, failure);
              });
    } catch (RuntimeException e) {
      count.decrementAndGet();
      noteOutcome(targetId, e);
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
