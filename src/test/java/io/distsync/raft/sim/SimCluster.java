package io.distsync.raft.sim;

import io.distsync.raft.Membership;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftListener;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.RaftStatus;
import io.distsync.raft.store.InMemoryRaftStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A simulated Raft cluster: nodes with {@link InMemoryRaftStore}s and {@link KvStateMachine}s on
 * one {@link SimScheduler} and {@link SimNetwork}, all driven by one seeded {@link Random}. Nodes
 * crash (optionally losing unsynced writes) and restart from their store. Invariants are checked
 * after every event.
 */
public final class SimCluster {
  public final long seed;
  public final Random random;
  public final SimScheduler scheduler = new SimScheduler();
  public final SimNetwork network;
  public final InvariantChecker checker = new InvariantChecker();
  private final Map<String, SimNode> nodes = new LinkedHashMap<>();
  private RaftConfig config;
  private double timerSkew = 0.2;
  private int maxSyncDelayMs = 3;
  private final Set<String> retired = new java.util.HashSet<>();
  private final List<RaftListener> extraListeners = new ArrayList<>();
  private int nextFreshId = 100;

  /** One member: its durable store survives crashes, the rest does not. */
  public final class SimNode {
    public final String id;
    InMemoryRaftStore store = new InMemoryRaftStore();
    KvStateMachine stateMachine;
    RaftNode raft;
    SimExecutor.Incarnation incarnation;
    Membership bootstrap;
    long lastCommitSeen;
    InMemoryRaftStore checkedStore;
    long checkedVersion;
    long checkedCommitted;
    long checkedRewrites;
    long checkedLastIndex;

    SimNode(String id, Membership bootstrap) {
      this.id = id;
      this.bootstrap = bootstrap;
    }

    public boolean isUp() {
      return raft != null;
    }

    public RaftNode raft() {
      return raft;
    }

    public KvStateMachine stateMachine() {
      return stateMachine;
    }

    public InMemoryRaftStore store() {
      return store;
    }

    public RaftStatus status() {
      return raft.status();
    }
  }

  public SimCluster(long seed, int size, RaftConfig config) {
    this(seed, new Random(seed), size, config);
  }

  /** A cluster driven by {@code random} (already seeded with {@code seed}, maybe already used). */
  public SimCluster(long seed, Random random, int size, RaftConfig config) {
    this.seed = seed;
    this.random = random;
    this.config = config;
    this.network =
        new SimNetwork(
            scheduler,
            random,
            id -> {
              SimNode n = nodes.get(id);
              return n == null ? null : n.raft;
            });
    List<RaftMember> members = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      members.add(new RaftMember("n" + i, "sim://n" + i, true));
    }
    Membership m = new Membership(members);
    for (RaftMember member : members) {
      nodes.put(member.id(), new SimNode(member.id(), m));
    }
    scheduler.afterEvent(this::afterEvent);
  }

  /** Also notified by every node started from now on (metrics tests). */
  public void addListener(RaftListener listener) {
    extraListeners.add(listener);
  }

  public void setTimerSkew(double skew) {
    this.timerSkew = skew;
  }

  public void setMaxSyncDelayMs(int ms) {
    this.maxSyncDelayMs = ms;
  }

  public RaftConfig config() {
    return config;
  }

  public void startAll() {
    nodes.values().forEach(n -> start(n.id));
  }

  public void start(String id) {
    SimNode n = nodes.get(id);
    if (n.raft != null || retired.contains(id)) {
      return;
    }
    SimExecutor.Incarnation inc = new SimExecutor.Incarnation();
    n.incarnation = inc;
    n.lastCommitSeen = 0;
    n.stateMachine =
        new KvStateMachine((index, cmd, prev) -> checker.onApply(id, index, cmd, prev));
    SimExecutor exec = new SimExecutor(scheduler, inc, random, timerSkew);
    n.raft =
        RaftNode.builder()
            .nodeId(id)
            .membership(n.bootstrap)
            .config(config)
            .transport(network.transportFor(id, inc))
            .stateMachine(n.stateMachine)
            .store(n.store)
            .executor(exec)
            .random(new Random(random.nextLong()))
            .listener(listenerFor(n))
            .syncExecutor(
                task ->
                    scheduler.after(
                        random.nextInt(maxSyncDelayMs + 1),
                        () -> {
                          if (inc.alive) {
                            task.run();
                          }
                        }))
            .build();
    n.raft.start();
  }

  private RaftListener listenerFor(SimNode n) {
    return new RaftListener() {
      @Override
      public void onRoleChanged(String nodeId, RaftRole role, long term) {
        if (role == RaftRole.LEADER) {
          checker.onLeader(nodeId, term, n.store);
        }
        extraListeners.forEach(l -> l.onRoleChanged(nodeId, role, term));
      }

      @Override
      public void onCommitIndexChanged(String nodeId, long commitIndex) {
        checker.onCommit(nodeId, n.lastCommitSeen + 1, commitIndex, n.store);
        n.lastCommitSeen = commitIndex;
        extraListeners.forEach(l -> l.onCommitIndexChanged(nodeId, commitIndex));
      }

      @Override
      public void onEntriesPerBatch(String nodeId, int entries) {
        extraListeners.forEach(l -> l.onEntriesPerBatch(nodeId, entries));
      }

      @Override
      public void onFsync(String nodeId, long millis, long durableIndex) {
        extraListeners.forEach(l -> l.onFsync(nodeId, millis, durableIndex));
      }

      @Override
      public void onProposalLatency(String nodeId, long millis) {
        extraListeners.forEach(l -> l.onProposalLatency(nodeId, millis));
      }

      @Override
      public void onAppendEntriesRoundTrip(String nodeId, String followerId, long millis) {
        extraListeners.forEach(l -> l.onAppendEntriesRoundTrip(nodeId, followerId, millis));
      }

      @Override
      public void onElectionStarted(String nodeId, long term, boolean preVote) {
        extraListeners.forEach(l -> l.onElectionStarted(nodeId, term, preVote));
      }

      @Override
      public void onSnapshotInstalled(String nodeId, long lastIncludedIndex) {
        extraListeners.forEach(l -> l.onSnapshotInstalled(nodeId, lastIncludedIndex));
      }

      @Override
      public void onSnapshotTaken(String nodeId, long lastIncludedIndex) {
        extraListeners.forEach(l -> l.onSnapshotTaken(nodeId, lastIncludedIndex));
      }

      @Override
      public void onLeaderChanged(String nodeId, String leaderId, long term) {
        extraListeners.forEach(l -> l.onLeaderChanged(nodeId, leaderId, term));
      }
    };
  }

  /** Power failure: volatile state is gone; with {@code loseUnsynced} so are unsynced writes. */
  public void crash(String id, boolean loseUnsynced) {
    SimNode n = nodes.get(id);
    if (n.raft == null) {
      return;
    }
    n.incarnation.alive = false;
    n.raft = null;
    n.stateMachine = null;
    n.store = loseUnsynced ? n.store.crashAndRecover() : n.store.reopen();
  }

  /** Stops a removed member for good (its store is kept for the log checks). */
  public void retire(String id) {
    retired.add(id);
    crash(id, false);
  }

  public boolean isRetired(String id) {
    return retired.contains(id);
  }

  public String freshId() {
    return "n" + nextFreshId++;
  }

  /** Adds a brand-new node (not yet a member) that knows the given membership. */
  public SimNode addNode(String id, Membership current) {
    SimNode n = new SimNode(id, current);
    nodes.put(id, n);
    start(id);
    return n;
  }

  public SimNode node(String id) {
    return nodes.get(id);
  }

  public List<SimNode> nodes() {
    return List.copyOf(nodes.values());
  }

  public List<SimNode> upNodes() {
    return nodes.values().stream().filter(SimNode::isUp).toList();
  }

  public Set<String> ids() {
    return nodes.keySet().stream().collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** The live leader with the highest term, if any. */
  public Optional<SimNode> leader() {
    SimNode best = null;
    for (SimNode n : upNodes()) {
      RaftStatus s = n.status();
      if (s.role() == RaftRole.LEADER && (best == null || s.term() > best.status().term())) {
        best = n;
      }
    }
    return Optional.ofNullable(best);
  }

  public void runFor(long ms) {
    scheduler.runUntil(scheduler.now() + ms);
  }

  /** Advances the simulation until {@code condition} holds or {@code maxMs} of simulated time. */
  public boolean eventually(long maxMs, BooleanSupplier condition) {
    long deadline = scheduler.now() + maxMs;
    while (!condition.getAsBoolean()) {
      if (scheduler.now() >= deadline || checker.violation() != null) {
        return condition.getAsBoolean();
      }
      scheduler.runUntil(Math.min(deadline, scheduler.now() + 5));
    }
    return true;
  }

  /**
   * Runs event by event until {@code condition} holds (checked after each event, so the caller can
   * react between two events) or {@code maxMs} of simulated time pass.
   */
  public boolean runUntil(BooleanSupplier condition, long maxMs) {
    long deadline = scheduler.now() + maxMs;
    while (!condition.getAsBoolean()) {
      if (!scheduler.stepBefore(deadline)) {
        return condition.getAsBoolean();
      }
    }
    return true;
  }

  /** Every event: log matching and leader completeness (the rest is checked as it happens). */
  private void afterEvent() {
    checkLogs();
  }

  /**
   * Log matching over every node's log, and leader completeness of current leaders; a log that did
   * not change since the last check (same store and version) is skipped.
   */
  public void checkLogs() {
    for (SimNode n : nodes.values()) {
      long version = n.store.version();
      long committed = checker.maxCommitted();
      if (n.checkedStore == n.store
          && n.checkedVersion == version
          && n.checkedCommitted == committed) {
        continue;
      }
      long rewrites = n.store.rewrites();
      boolean onlyGrew = n.checkedStore == n.store && n.checkedRewrites == rewrites;
      checker.checkLogMatching(n.id, n.store, onlyGrew ? n.checkedLastIndex : 0);
      n.checkedStore = n.store;
      n.checkedVersion = version;
      n.checkedCommitted = committed;
      n.checkedRewrites = rewrites;
      List<io.distsync.raft.LogEntry> entries = n.store.entries();
      n.checkedLastIndex = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).index();
      if (n.isUp() && n.status().role() == RaftRole.LEADER) {
        checker.checkLeaderCompleteness(n.id, n.status().term(), n.store);
      }
    }
  }

  /** Fails if a checker saw a violation. */
  public void assertSafe() {
    checkLogs();
    if (checker.violation() != null) {
      throw new SafetyViolation(checker.violation());
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("cluster(seed=" + seed + ", t=" + scheduler.now() + ")");
    for (SimNode n : nodes.values()) {
      sb.append("\n  ").append(n.id).append(": ");
      sb.append(n.isUp() ? n.status().toString() : "DOWN");
    }
    return sb.toString();
  }
}
