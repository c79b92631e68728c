package io.distsync.dashboard;

import io.distsync.cache.CacheService;
import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.NodeLog;
import io.distsync.cluster.Peer;
import io.distsync.cluster.raft.RaftService;
import io.distsync.dashboard.model.DashboardSnapshot;
import io.distsync.dashboard.model.LeaderChange;
import io.distsync.dashboard.model.LockSection;
import io.distsync.dashboard.model.NodeFigures;
import io.distsync.dashboard.model.NodeView;
import io.distsync.dashboard.model.QueueSection;
import io.distsync.lock.LockStateMachine;
import io.distsync.lock.RecentDeadlocks;
import io.distsync.lock.model.LockView;
import io.distsync.lock.model.WaitForGraph;
import io.distsync.paging.Page;
import io.distsync.paging.PageRequest;
import io.distsync.queue.QueueService;
import io.distsync.queue.RingService;
import io.distsync.queue.model.QueueStats;
import io.distsync.raft.RaftStatus;
import io.distsync.redis.RedisProbe;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds the dashboard's snapshot. Each section is refreshed asynchronously, at most one read of it
 * in flight, and the snapshot carries the latest value of each: a section that waits for a quorum
 * (locks) or for Redis (queues) never holds back the others, so a dead node shows within a tick.
 */
@ApplicationScoped
public class DashboardService {
  private static final NodeLog LOG = NodeLog.of(DashboardService.class);

  /** The most locks, queues and cache keys listed: their number is chosen by clients. */
  public static final int LIMIT = 50;

  /** A node whose last answer is older than this is shown down (the page turns it red). */
  static final long DOWN_AFTER_MS = 1_500;

  /** Leader changes kept for the timeline. */
  static final int TIMELINE = 30;

  private static final PageRequest FIRST = new PageRequest(LIMIT, null);

  @Inject ClusterConfig config;
  @Inject RaftService raft;
  @Inject RedisProbe redis;
  @Inject CacheService cache;
  @Inject LockStateMachine lockTable;
  @Inject RecentDeadlocks deadlocks;
  @Inject QueueService queues;
  @Inject RingService ring;
  @Inject NodeCounters counters;
  @Inject PeerFigures peers;

  @Resource(lookup = "concurrent/distsync-executor")
  ManagedExecutorService executor;

  /** One read of the lock table: the first locks and the wait-for graph. */
  private record LockRead(Page<LockView> page, WaitForGraph graph) {}

  private final AtomicBoolean lockRead = new AtomicBoolean();
  private final AtomicBoolean queueRead = new AtomicBoolean();
  private volatile LockSection lockSection;
  private volatile QueueSection queueSection;
  private final Deque<LeaderChange> leaders = new ArrayDeque<>();

  /** This node's own figures, for its dashboard and its peers'. */
  public NodeFigures ownFigures() {
    return new NodeFigures(
        config.nodeId(),
        System.currentTimeMillis(),
        raft.node().status(),
        redis.probe(),
        cache.state(cache.lines(FIRST)),
        counters.read());
  }

  /** Starts the refresh of every section, then composes the latest values. */
  DashboardSnapshot snapshot() {
    peers.refresh();
    refreshLocks();
    refreshQueues();
    long now = System.currentTimeMillis();
    NodeFigures own = ownFigures();
    noteLeader(own.raft(), now);
    List<NodeView> nodes = new ArrayList<>();
    nodes.add(new NodeView(config.nodeId(), config.selfUrl().toString(), true, 0, own));
    for (Peer p : config.otherPeers()) {
      PeerFigures.Seen seen = peers.of(p.id());
      long age = seen == null ? -1 : now - seen.receivedAt();
      boolean up = seen != null && age <= DOWN_AFTER_MS;
      nodes.add(
          new NodeView(p.id(), p.url().toString(), up, age, seen == null ? null : seen.figures()));
    }
    List<LeaderChange> timeline;
    synchronized (leaders) {
      timeline = new ArrayList<>(leaders);
    }
    return new DashboardSnapshot(
        config.nodeId(), now, LIMIT, nodes, timeline, lockSection, queueSection);
  }

  private void noteLeader(RaftStatus status, long now) {
    synchronized (leaders) {
      LeaderChange last = leaders.peekFirst();
      if (last == null
          || last.term() != status.term()
          || !Objects.equals(last.leaderId(), status.leaderId())) {
        leaders.addFirst(new LeaderChange(now, status.term(), status.leaderId()));
        while (leaders.size() > TIMELINE) {
          leaders.removeLast();
        }
      }
    }
  }

  private void refreshLocks() {
    if (!lockRead.compareAndSet(false, true)) {
      return;
    }
    // A linearizable read, as GET /locks: one ReadIndex round per second at most.
    raft.read(() -> new LockRead(lockTable.table().page(FIRST), lockTable.table().waitFor()))
        .whenComplete(
            (read, failure) -> {
              lockRead.set(false);
              long now = System.currentTimeMillis();
              LockSection previous = lockSection;
              if (read != null) {
                lockSection =
                    new LockSection(
                        read.page().items(),
                        read.page().nextCursor() != null,
                        read.graph(),
                        deadlocks.list(),
                        now,
                        null);
              } else {
                lockSection =
                    new LockSection(
                        previous == null ? List.of() : previous.locks(),
                        previous != null && previous.more(),
                        previous == null ? null : previous.waitFor(),
                        deadlocks.list(),
                        previous == null ? 0 : previous.at(),
                        String.valueOf(failure.getMessage()));
              }
            });
  }

  private void refreshQueues() {
    if (!queueRead.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            QueueSection previous = queueSection;
            try {
              Page<QueueStats> page = queues.page(FIRST);
              queueSection =
                  new QueueSection(
                      page.items(),
                      page.nextCursor() != null,
                      ring.view(FIRST, null),
                      System.currentTimeMillis(),
                      null);
            } catch (RuntimeException e) {
              LOG.debug("dashboard queue figures: " + e);
              queueSection =
                  new QueueSection(
                      previous == null ? List.of() : previous.queues(),
                      previous != null && previous.more(),
                      previous == null ? null : previous.ring(),
                      previous == null ? 0 : previous.at(),
                      String.valueOf(e.getMessage()));
            } finally {
              queueRead.set(false);
            }
          });
    } catch (RuntimeException e) {
      queueRead.set(false);
      LOG.warn(e, "dashboard queue figures not scheduled");
    }
  }
}
