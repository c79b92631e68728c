package io.distsync.cache;

import io.distsync.cache.mesi.CacheFailure;
import io.distsync.cache.mesi.CacheNode;
import io.distsync.cache.mesi.CacheOptions;
import io.distsync.cache.mesi.DirectoryAccess;
import io.distsync.cache.mesi.PeerTransport.DowngradeReply;
import io.distsync.cache.mesi.Results.Read;
import io.distsync.cache.mesi.Results.Write;
import io.distsync.cache.model.CacheStateView;
import io.distsync.cache.model.CacheSummary;
import io.distsync.cache.model.LineView;
import io.distsync.cache.model.StatsView;
import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.NodeLog;
import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerMonitor;
import io.distsync.cluster.channel.PeerChannels;
import io.distsync.cluster.channel.Services;
import io.distsync.cluster.model.PeerStatus;
import io.distsync.cluster.raft.RaftService;
import io.distsync.paging.Page;
import io.distsync.paging.PageRequest;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * This node's coherent cache: builds the protocol's {@link CacheNode} at application start on Redis
 * (the shared {@link RedisClient}), the peer channel and the managed scheduler, runs its lease and
 * write-back timers, and gives MODIFIED lines back and the lease up at shutdown. Requests hold no
 * thread while their operation runs ({@link CacheAnswers}) and are answered at most {@link
 * CacheSettings#operationTimeoutMs} later; the protocol's failures become the contract's errors
 * ({@link CacheErrors}).
 */
@ApplicationScoped
public class CacheService {
  private static final NodeLog LOG = NodeLog.of(CacheService.class);

  @Inject CacheSettings settings;
  @Inject ClusterConfig cluster;
  @Inject PeerMonitor monitor;
  @Inject PeerChannels channels;
  @Inject RaftService raft;
  @Inject CacheMetrics metrics;
  @Inject RedisClient redis;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  /** Where answers to clients are written, with the application's context. */
  @Resource(lookup = "concurrent/distsync-completions")
  jakarta.enterprise.concurrent.ManagedExecutorService completions;

  /** Where peers' coherence calls run: off the channel's read thread (they may call Redis). */
  @Resource(lookup = "concurrent/distsync-executor")
  jakarta.enterprise.concurrent.ManagedExecutorService executor;

  private volatile CacheNode node;
  private CacheOptions options;
  private CacheAnswers answers;
  private ScheduledFuture<?> leaseTask;
  private ScheduledFuture<?> sweepTask;
  private ScheduledFuture<?> writeBackTask;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    options = settings.options();
    long timeoutMs = settings.operationTimeoutMs(options);
    answers = new CacheAnswers(completions, timeoutMs, () -> System.nanoTime() / 1_000_000);
    node =
        new CacheNode(
            cluster.nodeId(),
            options,
            DirectoryAccess.direct(new RedisDirectory(redis)),
            new ChannelPeerTransport(channels, cluster.peerReadTimeoutMs()),
            new ManagedClock(scheduler),
            this::inMajority,
            () -> cluster.otherPeers().stream().map(Peer::id).toList(),
            metrics.listener());
    metrics.watch(node);
    channels.register(
        Services.CACHE,
        ChannelPeerTransport.handler(
            this::onDowngrade, this::onInvalidate, (k, t) -> node.onGrant(k, t), executor));
    long quarter = Math.max(1, options.leaseMs() / 4);
    leaseTask =
        scheduler.scheduleWithFixedDelay(
            () -> runTimer("lease", node.maintainLease(), quarter * 2),
            0,
            quarter,
            TimeUnit.MILLISECONDS);
    sweepTask = scheduler.scheduleWithFixedDelay(answers::sweep, 500, 500, TimeUnit.MILLISECONDS);
    if (options.writeBack()) {
      long half = Math.max(1, options.writeBackDelayMs() / 2);
      writeBackTask =
          scheduler.scheduleWithFixedDelay(
              () -> runTimer("write-back", node.writeBackDirty(), options.leaseMs()),
              half,
              half,
              TimeUnit.MILLISECONDS);
    }
    LOG.info(
        "cache: "
            + options.capacity()
            + " lines, "
            + options.policy()
            + ", "
            + (options.writeBack() ? "write-back" : "write-through")
            + ", lease "
            + options.leaseMs()
            + " ms");
  }

  /** Timers whose last round failed (logged once, until one succeeds again). */
  private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Waits for one timer round (rounds never overlap). A failure is logged when it starts and when
   * it ends, not every round; the next round retries.
   */
  private void runTimer(String what, CompletableFuture<Void> round, long waitMs) {
    try {
      round.get(waitMs, TimeUnit.MILLISECONDS);
      if (failing.remove(what)) {
        LOG.info("cache " + what + " rounds succeed again");
      }
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("cache " + what + " round still running after " + waitMs + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      if (failing.add(what)) {
        LOG.warn("cache " + what + " rounds fail (retried every round): " + e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    if (leaseTask != null) {
      leaseTask.cancel(false);
    }
    if (writeBackTask != null) {
      writeBackTask.cancel(false);
    }
    if (sweepTask != null) {
      sweepTask.cancel(false);
    }
    CacheNode n = node;
    if (n != null) {
      try {
        n.shutdown().get(5, TimeUnit.SECONDS);
        LOG.info("cache: MODIFIED lines written back, lease given up");
      } catch (Exception e) {
        LOG.warn("cache: shutdown did not finish: " + e);
      }
    }
  }

  /** Whether this node reaches a majority of the members (itself included), per the monitor. */
  boolean inMajority() {
    List<PeerStatus> view = monitor.view();
    long reachable = 1 + view.stream().filter(PeerStatus::reachable).count();
    return reachable * 2 > view.size() + 1;
  }

  /** A read: a hit is answered on the caller's thread, a miss when its operation ends. */
  public CompletionStage<Read> get(String key) {
    try {
      Read hit = node.tryHit(key);
      if (hit != null) {
        return CompletableFuture.completedFuture(hit);
      }
    } catch (CacheFailure f) {
      return CompletableFuture.failedFuture(f);
    }
    return answers.of(node.get(key));
  }

  public CompletionStage<Write> put(String key, String json, long ttlMs) {
    return answers.of(node.put(key, json, ttlMs));
  }

  public CompletionStage<Void> delete(String key) {
    return answers.of(node.delete(key).thenApply(v -> null));
  }

  public CompletionStage<Void> invalidate(String key) {
    return answers.of(node.invalidate(key));
  }

  CompletableFuture<DowngradeReply> onDowngrade(String key, long epoch) {
    return node.onDowngrade(key, epoch);
  }

  CompletableFuture<Void> onInvalidate(String key, long epoch) {
    return node.onInvalidate(key, epoch);
  }

  /** One page of this node's lines, in key order. */
  public Page<LineView> lines(PageRequest request) {
    List<LineView> candidates =
        node.linesAfter(request.after(), request.limit() + 1).stream()
            .map(l -> new LineView(l.key(), l.state().name(), l.version()))
            .toList();
    return Page.of(candidates, request.limit(), LineView::key);
  }

  /** This node's cache with {@code lines}, one page of its lines; {@code size} counts them all. */
  public CacheStateView state(Page<LineView> lines) {
    var stats = node.stats();
    return new CacheStateView(
        cluster.nodeId(),
        options.policy().name(),
        writePolicy(),
        options.capacity(),
        node.size(),
        node.serving(),
        node.epoch(),
        lines.items(),
        lines.nextCursor(),
        new StatsView(
            stats.hits(),
            stats.misses(),
            stats.hitRatio(),
            stats.evictions(),
            stats.invalidationsSent(),
            stats.invalidationsReceived(),
            stats.writeBacks(),
            stats.transitions()));
  }

  public CacheSummary summary() {
    CacheNode n = node;
    if (n == null) {
      return null;
    }
    var stats = n.stats();
    return new CacheSummary(
        options.policy().name(),
        writePolicy(),
        options.capacity(),
        n.size(),
        n.serving(),
        stats.hits(),
        stats.misses(),
        stats.hitRatio());
  }

  private String writePolicy() {
    return options.writeBack() ? "write-back" : "write-through";
  }
}
