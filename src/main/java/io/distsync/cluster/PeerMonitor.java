package io.distsync.cluster;

import io.distsync.cluster.detector.FailureDetector;
import io.distsync.cluster.model.PeerStatus;
import io.distsync.cluster.raft.RaftService;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftStatus.MemberStatus;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings every other member on a managed scheduler and feeds each answer, as a heartbeat, to that
 * peer's failure detector (phi-accrual unless {@code PEER_DETECTOR=fixed}). The view feeds {@code
 * GET /status}, queue partition ownership ({@code LiveMembers}) and the cache's majority check: a
 * peer is reachable while its detector does not suspect it. Raft's elections do not use it: they
 * keep the paper's randomized election timeout.
 */
@ApplicationScoped
public class PeerMonitor {
  private static final NodeLog LOG = NodeLog.of(PeerMonitor.class);

  @Inject ClusterConfig config;
  @Inject PeerClients clients;
  @Inject RaftService raft;
  @Inject DetectorSettings detection;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private final Map<String, Probe> probes = new ConcurrentHashMap<>();
  // one per member; members are few and bounded by the membership, and gone ones are dropped
  private final Map<String, FailureDetector> detectors = new ConcurrentHashMap<>();
  private ScheduledFuture<?> task;
  // ids of the members now suspected, for logging changes only; bounded like detectors
  private final java.util.Set<String> suspicions = ConcurrentHashMap.newKeySet();

  /** What is known of one peer; replaced as a whole on every answer or failure. */
  private record Probe(boolean reachable, long lastContactAt, long rttMs, String error) {}

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    long interval = config.peerProbeIntervalMs();
    task = scheduler.scheduleWithFixedDelay(this::probeAll, 0, interval, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /**
   * The other members: the PEERS entries, and the members of the replicated membership beyond them.
   * A node added with POST /raft/members is in no PEERS of the nodes started before it, yet every
   * node must probe it: the queue gives partitions only to members it sees live.
   */
  List<Peer> others() {
    Map<String, Peer> out = new LinkedHashMap<>();
    config.otherPeers().forEach(p -> out.put(p.id(), p));
    RaftNode node = raft.node();
    if (node != null) {
      for (MemberStatus m : node.status().members()) {
        if (!m.id().equals(config.nodeId()) && m.address() != null && !out.containsKey(m.id())) {
          try {
            out.put(m.id(), new Peer(m.id(), URI.create(m.address())));
          } catch (IllegalArgumentException e) {
            // not a URL (the leader validates them): nothing to probe
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  private void probeAll() {
    List<Peer> others = others();
    detectors.keySet().removeIf(id -> others.stream().noneMatch(p -> p.id().equals(id)));
    probes.keySet().removeIf(id -> others.stream().noneMatch(p -> p.id().equals(id)));
    suspicions.retainAll(others.stream().map(Peer::id).toList());
    for (Peer peer : others) {
      noteSuspicion(peer);
      long start = System.nanoTime();
      try {
        clients
            .client(peer, PeerApi.class)
            .ping()
            .whenComplete((reply, failure) -> record(peer, start, failure));
      } catch (RuntimeException e) {
        record(peer, start, e);
      }
    }
  }

  /**
   * Logs when the detector starts and stops suspecting {@code peer} (once per change). A peer that
   * never answered is left out: its failed pings are logged already.
   */
  private void noteSuspicion(Peer peer) {
    FailureDetector d = detectors.get(peer.id());
    Probe p = probes.get(peer.id());
    if (d == null || p == null || p.lastContactAt() == 0) {
      return;
    }
    long now = nowMs();
    if (d.suspected(now)) {
      if (suspicions.add(peer.id())) {
        LOG.warn(
            "peer "
                + peer.id()
                + " suspected by the failure detector: phi "
                + shown(d.phi(now))
                + ", last answer "
                + (System.currentTimeMillis() - p.lastContactAt())
                + " ms ago");
      }
    } else if (suspicions.remove(peer.id())) {
      LOG.info("peer " + peer.id() + " trusted again: phi " + shown(d.phi(now)));
    }
  }

  private void record(Peer peer, long startNanos, Throwable failure) {
    Probe before = probes.get(peer.id());
    FailureDetector detector = detectors.computeIfAbsent(peer.id(), id -> detection.newDetector());
    if (failure == null) {
      detector.heartbeat(nowMs());
      long rtt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      probes.put(peer.id(), new Probe(true, System.currentTimeMillis(), rtt, null));
      if (before != null && !before.reachable()) {
        LOG.info("peer " + peer.id() + " at " + peer.url() + " answers again");
      }
      return;
    }
    detector.failed(nowMs());
    String reason = rootMessage(failure);
    long lastContact = before == null ? 0 : before.lastContactAt();
    long rtt = before == null ? -1 : before.rttMs();
    probes.put(peer.id(), new Probe(false, lastContact, rtt, reason));
    if (before == null || before.reachable()) {
      LOG.warn("peer " + peer.id() + " at " + peer.url() + " does not answer: " + reason);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static long nowMs() {
    return System.nanoTime() / 1_000_000;
  }

  /** φ as shown: two decimals, at most 1000 (an endless silence is infinite). */
  private static double shown(double phi) {
    return Math.min(1000, Math.round(phi * 100) / 100.0);
  }

  /** The current view of every other member. */
  public List<PeerStatus> view() {
    long now = System.currentTimeMillis();
    long mono = nowMs();
    return others().stream()
        .map(
            peer -> {
              Probe p = probes.get(peer.id());
              FailureDetector d = detectors.get(peer.id());
              if (p == null || d == null) {
                return new PeerStatus(
                    peer.id(), peer.url().toString(), false, 0, -1, -1, "not probed yet");
              }
              long since = p.lastContactAt() == 0 ? -1 : now - p.lastContactAt();
              return new PeerStatus(
                  peer.id(),
                  peer.url().toString(),
                  !d.suspected(mono),
                  shown(d.phi(mono)),
                  since,
                  p.rttMs(),
                  p.error());
            })
        .toList();
  }
}
