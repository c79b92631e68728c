package io.distsync.cluster.raft;

import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.NodeLog;
import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerClients;
import io.distsync.cluster.raft.model.Applied;
import io.distsync.raft.Membership;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.RaftStatus;
import io.distsync.raft.SerialRaftExecutor;
import io.distsync.raft.store.FileRaftStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Owns this node's {@link RaftNode}: built at application start on container-managed executors with
 * its log under {@code DATA_DIR}, stopped at shutdown (a leader first hands leadership over).
 */
@ApplicationScoped
public class RaftService {
  private static final NodeLog LOG = NodeLog.of(RaftService.class);

  @Inject ClusterConfig cluster;
  @Inject RaftSettings settings;
  @Inject PeerClients clients;
  @Inject RaftMetrics metrics;

  @Resource(lookup = "concurrent/distsync-executor")
  ManagedExecutorService executor;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private volatile RaftNode node;
  private volatile boolean replayed;
  private FileRaftStore store;
  private ProposalRouter router;
  private MembershipRouter membership;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    store = new FileRaftStore(cluster.dataDir());
    // The initial members are PEERS; a node not named there starts passive and joins only when
    // the leader adds it (POST /raft/members). A node with a log uses the membership in its log.
    Membership initial =
        new Membership(
            cluster.peers().stream()
                .map(p -> new RaftMember(p.id(), p.url().toString(), true))
                .toList());
    node =
        RaftNode.builder()
            .nodeId(cluster.nodeId())
            .membership(initial)
            .config(settings.config())
            .transport(new RestTransport(clients, this::addressOf))
            .stateMachine(new CommandStateMachine())
            .store(store)
            .executor(new SerialRaftExecutor(executor, scheduler))
            .syncExecutor(executor)
            .random(new SecureRandom())
            .listener(metrics)
            .build();
    metrics.watch(node);
    router =
        new ProposalRouter(node, clients, this::addressOf, scheduler, settings.requestTimeoutMs());
    membership = new MembershipRouter(this, clients, scheduler);
    node.start()
        .whenComplete(
            (v, failure) -> {
              if (failure == null) {
                replayed = true;
                LOG.info("Raft log replayed from " + cluster.dataDir() + ": " + node.status());
              } else {
                LOG.error(failure, "the Raft node did not start: " + failure.getMessage());
              }
            });
  }

  /**
   * How this node reaches member {@code id}: its own PEERS entry first (each node may reach a peer
   * by a different address), else the URL in the replicated membership.
   */
  Optional<URI> addressOf(String id) {
    Optional<URI> configured =
        cluster.peers().stream().filter(p -> p.id().equals(id)).map(Peer::url).findFirst();
    if (configured.isPresent() || node == null) {
      return configured;
    }
    return node.status().members().stream()
        .filter(m -> m.id().equals(id))
        .map(m -> URI.create(m.address()))
        .findFirst();
  }

  /** The node; never null once the application has started. */
  public RaftNode node() {
    return node;
  }

  /** True once the log is replayed and a leader is known: the node can serve. */
  public boolean isReady() {
    return replayed && node.status().leaderId() != null;
  }

  public boolean isReplayed() {
    return replayed;
  }

  /** Commits a command through the leader, from any node. */
  public CompletableFuture<Applied> propose(String command) {
    return router.propose(command);
  }

  /** Commits a command here, only if this node leads (the end of a forwarded proposal). */
  CompletableFuture<Applied> proposeHere(String command) {
    return router.proposeHere(command);
  }

  MembershipRouter membership() {
    return membership;
  }

  @PreDestroy
  void stop() {
    RaftNode n = node;
    if (n == null) {
      return;
    }
    RaftStatus status = n.status();
    if (status.role() == RaftRole.LEADER) {
      status.members().stream()
          .filter(m -> m.voter() && !m.id().equals(status.nodeId()))
          .findFirst()
          .ifPresent(
              m -> {
                try {
                  n.transferLeadership(m.id()).get(2, TimeUnit.SECONDS);
                  LOG.info("handed leadership to " + m.id() + " before stopping");
                } catch (Exception e) {
                  LOG.warn("leadership transfer to " + m.id() + " failed before stopping: " + e);
                }
              });
    }
    try {
      n.shutdown().get(5, TimeUnit.SECONDS);
      store.close();
    } catch (Exception e) {
      LOG.warn(e, "the Raft node did not stop cleanly: " + e);
    }
  }
}
