package io.distsync.dashboard;

import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.NodeLog;
import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerClients;
import io.distsync.dashboard.model.NodeFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest figures each peer answered, asked for once per dashboard tick. A peer that has not
 * answered its previous call is not asked again until it does, so a dead peer costs one pending
 * call at a time.
 */
@ApplicationScoped
public class PeerFigures {
  private static final NodeLog LOG = NodeLog.of(PeerFigures.class);

  /** Outbound calls have connect and read timeouts; a late answer is useless to a 1 s tick. */
  static final long CONNECT_TIMEOUT_MS = 300;

  static final long READ_TIMEOUT_MS = 800;

  @Inject ClusterConfig config;
  @Inject PeerClients clients;

  /** A peer's last answer and when it arrived (this node's clock). */
  record Seen(long receivedAt, NodeFigures figures) {}

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /** Asks every PEERS member that has no call pending for its figures. */
  void refresh() {
    for (Peer peer : config.otherPeers()) {
      if (!inFlight.add(peer.id())) {
        continue;
      }
      try {
        clients
            .client(peer, DashboardPeerApi.class, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS)
            .node()
            .whenComplete(
                (figures, failure) -> {
                  inFlight.remove(peer.id());
                  if (figures != null) {
                    seen.put(peer.id(), new Seen(System.currentTimeMillis(), figures));
                  } else if (LOG.isDebug()) {
                    LOG.debug("dashboard figures of " + peer.id() + ": " + failure);
                  }
                });
      } catch (RuntimeException e) {
        inFlight.remove(peer.id());
        LOG.debug("dashboard figures of " + peer.id() + ": " + e);
      }
    }
  }

  /** The last answer of {@code peerId}, or null. */
  Seen of(String peerId) {
    return seen.get(peerId);
  }
}
