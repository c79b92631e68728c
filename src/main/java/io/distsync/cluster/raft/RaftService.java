package io.distsync.cluster.raft;

import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.NodeLog;
import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerClients;
import io.distsync.cluster.channel.PeerChannels;
import io.distsync.cluster.channel.Services;
import io.distsync.cluster.raft.model.Applied;
import io.distsync.raft.Membership;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.RaftStatus;
import io.distsync.raft.SerialRaftExecutor;
import io.distsync.raft.store.FileRaftStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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

  /** A member heard from within this many ms can take over leadership. */
  private static final long RECENT_CONTACT_MS = 1000;

  @Inject ClusterConfig cluster;
  @Inject RaftSettings settings;
  @Inject PeerClients clients;
  @Inject PeerChannels channels;
  @Inject RaftMetrics metrics;
  @Inject @Any Instance<CommandHandler> handlers;

  /** The Raft node's own threads, apart from the peer calls' (which may block until timeout). */
  @Resource(lookup = "concurrent/distsync-raft")
  ManagedExecutorService executor;

  /** Where callers' futures complete: never on the Raft thread. */
  @Resource(lookup = "concurrent/distsync-completions")
  ManagedExecutorService completions;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private volatile RaftNode node;
  private volatile boolean replayed;
  private volatile boolean stopping;
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
    RaftConfig config = settings.config();
    node =
        RaftNode.builder()
            .nodeId(cluster.nodeId())
            .membership(initial)
            .config(config)
            .transport(new ChannelTransport(channels))
            .stateMachine(new CommandStateMachine(handlers.stream().toList()))
            .store(store)
            .executor(new SerialRaftExecutor(this::runOnManagedThread, scheduler))
            .syncExecutor(this::runOnManagedThread)
            .random(new SecureRandom())
            .listener(metrics)
            .build();
    metrics.watch(node);
    router =
        new ProposalRouter(node, channels, scheduler, completions, settings.requestTimeoutMs());
    channels.addressBook(this::addressOf);
    channels.register(Services.RAFT, RaftChannelService.messages(node, this::isReplayed));
    channels.register(
        Services.FORWARD, RaftChannelService.forwarded(router::proposeHere, this::isReplayed));
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
   * Runs Raft work on the managed executor. Liberty refuses new tasks once the server quiesces, so
   * while stopping the work runs on the calling thread instead: the node can still shut down and
   * close its log.
   */
  private void runOnManagedThread(Runnable task) {
    try {
      executor.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      if (!stopping) {
        throw e;
      }
      task.run();
    }
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

  /** How long a request waits for a leader or a peer (REQUEST_TIMEOUT). */
  public long requestTimeoutMs() {
    return settings.requestTimeoutMs();
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

  /**
   * A linearizable read (ReadIndex, on any node): runs {@code reader} on the Raft executor once
   * this node has applied everything committed before the call. While no leader confirms (an
   * election), it tries again every {@link ProposalRouter#RETRY_MS} ms; past the request timeout it
   * fails with 503 {@code NO_QUORUM}.
   */
  public <T> CompletableFuture<T> read(java.util.function.Supplier<T> reader) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long timeout = settings.requestTimeoutMs();
    java.util.concurrent.ScheduledFuture<?> timer =
        scheduler.schedule(
            () ->
                result.completeExceptionally(
                    new NoQuorumException(
                        "No leader confirmed the read within " + timeout + " ms.")),
            timeout,
            TimeUnit.MILLISECONDS);
    result.whenComplete((v, f) -> timer.cancel(false));
    readAttempt(reader, result);
    return result;
  }

  private <T> void readAttempt(java.util.function.Supplier<T> reader, CompletableFuture<T> result) {
    node.query(sm -> reader.get())
        .whenCompleteAsync(
            (value, failure) -> {
              if (failure == null) {
                result.complete(value);
              } else if (!result.isDone()) {
                scheduler.schedule(
                    () -> readAttempt(reader, result),
                    ProposalRouter.RETRY_MS,
                    TimeUnit.MILLISECONDS);
              }
            },
            completions);
  }

  /** Commits a command here, only if this node leads (the end of a forwarded proposal). */
  CompletableFuture<Applied> proposeHere(String command) {
    return router.proposeHere(command);
  }

  /**
   * Hands leadership to the most caught-up other voter that answered lately, if this node leads.
   * Completes with the new leader's id, or null when this node did not lead.
   */
  public CompletableFuture<String> handOverLeadership() {
    RaftStatus status = node.status();
    if (status.role() != RaftRole.LEADER) {
      return CompletableFuture.completedFuture(null);
    }
    return status.members().stream()
        .filter(m -> m.voter() && !m.id().equals(status.nodeId()))
        .filter(m -> m.lastContactMs() >= 0 && m.lastContactMs() < RECENT_CONTACT_MS)
        .max(java.util.Comparator.comparingLong(RaftStatus.MemberStatus::matchIndex))
        .map(
            m -> {
              LOG.info("handing leadership to " + m.id());
              return node.transferLeadership(m.id()).thenApply(v -> m.id());
            })
        .orElseGet(() -> CompletableFuture.completedFuture(null));
  }

  MembershipRouter membership() {
    return membership;
  }

  /**
   * Runs when the application stops: the node stops and the store is closed. Liberty has quiesced
   * by then (no more network calls), so a leader hands leadership over before, through {@link
   * #handOverLeadership()} ({@code POST /raft/leadership/transfer}, which {@code liberty/cluster
   * down} calls); a leader stopped without it is replaced after an election timeout.
   */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    RaftNode n = node;
    if (n == null) {
      return;
    }
    stopping = true;
    try {
      n.shutdown().get(5, TimeUnit.SECONDS);
      LOG.info("the Raft node stopped");
    } catch (Exception e) {
      LOG.warn("the Raft node did not stop within 5 s: " + e);
    } finally {
      try {
        store.close(); // every acknowledged entry was synced before it was acknowledged
      } catch (java.io.IOException e) {
        LOG.warn(e, "closing the Raft log failed: " + e.getMessage());
      }
    }
  }
}
