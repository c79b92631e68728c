package io.distsync.queue;

import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.PeerMonitor;
import io.distsync.cluster.model.PeerStatus;
import io.distsync.cluster.raft.RaftService;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which members are alive, as this node sees them: the members of the replicated Raft membership
 * (the PEERS list until the Raft node runs), where this node is always live to itself and a peer is
 * live when {@link PeerMonitor} reached it on its last probe or, on the leader, Raft heard from it
 * within {@link #RECENT_CONTACT_MS}. Every node computes the partition owners from this, so nodes
 * agree once their views agree; while they differ a partition may have two owners, which the atomic
 * scripts make safe.
 */
@ApplicationScoped
public class LiveMembers {
  /** A member Raft heard from this recently is live even if a probe failed. */
  static final long RECENT_CONTACT_MS = 2000;

  @Inject ClusterConfig config;
  @Inject PeerMonitor peers;
  @Inject RaftService raft;

  /** Every member id, with whether it is live; sorted by id. */
  public Map<String, Boolean> members() {
    Map<String, Long> contact = new TreeMap<>();
    RaftNode node = raft.node();
    RaftStatus status = node == null ? null : node.status();
    if (status != null && !status.members().isEmpty()) {
      status.members().forEach(m -> contact.put(m.id(), m.lastContactMs()));
    } else {
      config.peers().forEach(p -> contact.put(p.id(), -1L));
    }
    Map<String, PeerStatus> probed =
        peers.view().stream().collect(Collectors.toMap(PeerStatus::id, Function.identity()));
    Map<String, Boolean> out = new TreeMap<>();
    for (Map.Entry<String, Long> m : contact.entrySet()) {
      String id = m.getKey();
      PeerStatus p = probed.get(id);
      boolean live =
          id.equals(config.nodeId())
              || (p != null && p.reachable())
              || (m.getValue() >= 0 && m.getValue() < RECENT_CONTACT_MS);
      out.put(id, live);
    }
    return out;
  }
}
