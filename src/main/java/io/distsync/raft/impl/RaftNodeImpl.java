package io.distsync.raft.impl;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.PersistentState;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftExecutor;
import io.distsync.raft.RaftListener;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.RaftShutdownException;
import io.distsync.raft.RaftStatus;
import io.distsync.raft.RaftStore;
import io.distsync.raft.StateMachine;
import io.distsync.raft.Transport;
import io.distsync.raft.message.RaftMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The engine behind {@link RaftNode}: owns the state, runs every change on the serial executor, and
 * dispatches messages to one handler per type. Role transitions live here; the rest is delegated.
 */
public final class RaftNodeImpl implements RaftNode {
  private static final System.Logger LOG = System.getLogger("io.distsync.raft");

  final String id;
  final RaftConfig config;
  final Transport transport;
  final StateMachine stateMachine;
  final RaftStore store;
  final RaftExecutor executor;
  final Random random;
  final RaftListener listener;
  final Executor syncExecutor;

  final RaftState state = new RaftState();
  final RaftLog log;
  final Durability durability = new Durability(this);
  final Replicator replicator = new Replicator(this);
  final Applier applier = new Applier(this);
  final Proposals proposals = new Proposals(this);
  final ReadIndexTracker reads = new ReadIndexTracker(this);
  final MembershipChanges membershipChanges = new MembershipChanges(this);
  final LeadershipTransfer transfer = new LeadershipTransfer(this);
  final Elections elections = new Elections(this);
  private final ElectionTimeoutTask electionTimeoutTask = new ElectionTimeoutTask(this);
  private final MessageHandlers handlers = new MessageHandlers(this);

  private boolean started;
  boolean terminated;
  private volatile Throwable failure;
  private volatile RaftStatus status;

  public RaftNodeImpl(
      String id,
      Membership membership,
      RaftConfig config,
      Transport transport,
      StateMachine stateMachine,
      RaftStore store,
      RaftExecutor executor,
      Random random,
      RaftListener listener,
      Executor syncExecutor) {
    this.id = id;
    this.config = config;
    this.transport = transport;
    this.stateMachine = stateMachine;
    this.store = store;
    this.executor = executor;
    this.random = random;
    this.listener = new SafeListener(listener);
    this.syncExecutor = syncExecutor;
    this.log = new RaftLog(store, membership);
    this.status = buildStatus();
  }

  // ---------------------------------------------------------------- API (any thread)

  @Override
  public String id() {
    return id;
  }

  @Override
  public CompletableFuture<Void> start() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    submit(f, () -> doStart(f));
    return f;
  }

  @Override
  public void handle(RaftMessage message) {
    executor.execute(
        guarded(
            () -> {
              if (started) {
                handlers.dispatch(message);
              }
            }));
  }

  @Override
  public CompletableFuture<Object> propose(byte[] command) {
    CompletableFuture<Object> f = new CompletableFuture<>();
    long arrived = executor.currentTimeMillis();
    submit(f, () -> proposals.propose(command.clone(), f, arrived));
    return f;
  }

  @Override
  public CompletableFuture<Long> readIndex() {
    CompletableFuture<Long> f = new CompletableFuture<>();
    submit(f, () -> reads.readIndex(f));
    return f;
  }

  @Override
  public <T> CompletableFuture<T> query(Function<StateMachine, T> query) {
    CompletableFuture<T> f = new CompletableFuture<>();
    readIndex()
        .whenComplete(
            (idx, err) -> {
              if (err != null) {
                f.completeExceptionally(err);
              } else {
                // Hop back onto the executor: lastApplied >= idx holds there from now on.
                submit(
                    f,
                    () -> {
                      try {
                        f.complete(query.apply(stateMachine));
                      } catch (RuntimeException e) {
                        f.completeExceptionally(e);
                      }
                    });
              }
            });
    return f;
  }

  @Override
  public CompletableFuture<Membership> addLearner(RaftMember member) {
    CompletableFuture<Membership> f = new CompletableFuture<>();
    submit(f, () -> membershipChanges.addLearner(member, f));
    return f;
  }

  @Override
  public CompletableFuture<Membership> promote(String memberId) {
    CompletableFuture<Membership> f = new CompletableFuture<>();
    submit(f, () -> membershipChanges.promote(memberId, f));
    return f;
  }

  @Override
  public CompletableFuture<Membership> removeMember(String memberId) {
    CompletableFuture<Membership> f = new CompletableFuture<>();
    submit(f, () -> membershipChanges.remove(memberId, f));
    return f;
  }

  @Override
  public CompletableFuture<Void> transferLeadership(String targetId) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    submit(f, () -> transfer.start(targetId, f));
    return f;
  }

  @Override
  public RaftStatus status() {
    return status;
  }

  @Override
  public CompletableFuture<List<LogEntry>> logEntries(long fromIndex, int maxEntries) {
    CompletableFuture<List<LogEntry>> f = new CompletableFuture<>();
    submit(f, () -> f.complete(log.slice(fromIndex, Math.max(0, maxEntries), Long.MAX_VALUE)));
    return f;
  }

  @Override
  public CompletableFuture<Void> shutdown() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    executor.execute(
        () -> {
          terminate(new RaftShutdownException("node " + id + " shut down"), "shutdown requested");
          f.complete(null);
        });
    return f;
  }

  // ---------------------------------------------------------------- executor plumbing

  /** Wraps a task: skips it after termination, stops the node on disk errors, publishes status. */
  Runnable guarded(Runnable task) {
    return () -> {
      if (terminated) {
        return;
      }
      try {
        task.run();
      } catch (UncheckedIOException e) {
        fatal(e.getCause());
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "[" + id + "] task failed: " + e, e);
      }
      status = buildStatus();
    };
  }

  private void submit(CompletableFuture<?> f, Runnable task) {
    executor.execute(
        () -> {
          if (terminated) {
            f.completeExceptionally(new RaftShutdownException("node " + id + " is shut down"));
            return;
          }
          guarded(task).run();
        });
  }

  void schedule(Runnable task, long delayMs) {
    executor.schedule(guarded(task), delayMs);
  }

  long now() {
    return executor.currentTimeMillis();
  }

  void send(String target, RaftMessage m) {
    try {
      transport.send(target, m);
    } catch (RuntimeException e) {
      // The contract says never throw; if it does, drop the message (Raft retries) and go on.
      log(
          Level.WARNING,
          "transport threw sending "
              + m.getClass().getSimpleName()
              + " to "
              + target
              + ", message dropped: "
              + e);
    }
  }

  void log(Level level, String message) {
    if (LOG.isLoggable(level)) {
      LOG.log(level, "[" + id + " term " + state.currentTerm + "] " + message);
    }
  }

  void fatal(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    LOG.log(Level.ERROR, "[" + id + "] disk failure, stopping the node: " + cause, cause);
    terminate(
        new RaftShutdownException("node " + id + " stopped after a disk failure", cause),
        "disk failure");
  }

  private void terminate(RaftShutdownException e, String reason) {
    if (terminated) {
      return;
    }
    terminated = true;
    electionTimeoutTask.cancel();
    proposals.failAll(e);
    reads.failAll(e);
    transfer.fail(e);
    log(Level.INFO, "terminated: " + reason);
    status = buildStatus();
  }

  private void doStart(CompletableFuture<Void> f) {
    if (started) {
      f.complete(null);
      return;
    }
    PersistentState ps;
    try {
      ps = store.load();
    } catch (IOException e) {
      f.completeExceptionally(new RaftShutdownException("cannot load the store of " + id, e));
      fatal(e);
      return;
    }
    state.currentTerm = ps.term();
    state.votedFor = ps.votedFor();
    log.recover(ps.snapshot().orElse(null), ps.entries());
    ps.snapshot()
        .ifPresent(
            s -> {
              stateMachine.restore(s.data());
              state.lastApplied = s.lastIncludedIndex();
              state.commitIndex = s.lastIncludedIndex();
            });
    durability.recovered(log.lastIndex());
    started = true;
    resetElectionTimer();
    new ProposalTimeoutTask(this).schedule();
    log(
        Level.INFO,
        "started: lastLogIndex="
            + log.lastIndex()
            + ", snapshotIndex="
            + log.snapshotIndex()
            + ", members="
            + log.membership().members());
    f.complete(null);
  }

  // ---------------------------------------------------------------- role transitions

  /** Persists term and vote before anything is answered (Figure 2). */
  void persistTermAndVote(long term, String votedFor) {
    try {
      store.saveTermAndVote(term, votedFor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean termChanged = term != state.currentTerm;
    state.currentTerm = term;
    state.votedFor = votedFor;
    if (termChanged) {
      listener.onTermChanged(id, term);
    }
  }

  /**
   * Becomes follower (§5.1: "if RPC request or response contains term T > currentTerm: set
   * currentTerm = T, convert to follower"), remembering {@code leaderId} when known.
   */
  void stepDown(long term, String leaderId, String reason) {
    if (term > state.currentTerm) {
      persistTermAndVote(term, null);
      setLeader(null);
    }
    RaftState.Role old = state.role;
    state.role = RaftState.Role.FOLLOWER;
    setLeader(leaderId); // before failing proposals, so they name the right leader
    if (old == RaftState.Role.LEADER) {
      endLeadership(reason);
    }
    if (old != RaftState.Role.FOLLOWER) {
      log(Level.INFO, "became follower (was " + old + "): " + reason);
      listener.onRoleChanged(id, publicRole(), state.currentTerm);
      resetElectionTimer();
    }
  }

  private void endLeadership(String reason) {
    LeaderState ls = state.leader;
    state.leader = null;
    proposals.onLeadershipLost(reason);
    reads.onLeadershipLost(reason);
    transfer.onStepDown(ls);
  }

  void setLeader(String leaderId) {
    if (!java.util.Objects.equals(leaderId, state.leaderId)) {
      state.leaderId = leaderId;
      listener.onLeaderChanged(id, leaderId, state.currentTerm);
    }
  }

  void setRole(RaftState.Role role, String reason) {
    if (state.role == RaftState.Role.LEADER && role != RaftState.Role.LEADER) {
      endLeadership(reason);
    }
    state.role = role;
    log(Level.DEBUG, "became " + role + ": " + reason);
    listener.onRoleChanged(id, publicRole(), state.currentTerm);
  }

  /** Candidate won (§5.2): initialise nextIndex/matchIndex and append a NOOP (§8). */
  void becomeLeader() {
    long noopIndex = log.lastIndex() + 1;
    long now = now();
    LeaderState ls = new LeaderState(noopIndex);
    for (RaftMember m : log.membership().members()) {
      if (!m.id().equals(id)) {
        ls.followers.put(m.id(), new FollowerProgress(m.id(), noopIndex, now));
      }
    }
    setRole(RaftState.Role.LEADER, "won the election with votes " + state.votes);
    state.leader = ls;
    setLeader(id);
    log(Level.INFO, "became leader; replicating to " + ls.followers.keySet());
    log.append(List.of(new LogEntry(noopIndex, state.currentTerm, EntryType.NOOP, new byte[0])));
    durability.requestSync();
    replicator.newRound();
    replicator.broadcast(true);
    new HeartbeatTask(this, state.currentTerm).schedule();
    if (config.checkQuorum()) {
      new CheckQuorumTask(this, state.currentTerm).schedule();
    }
    replicator.tryCommit();
  }

  /** Re-draws the election timeout at random in [min, max) (§5.2). */
  void resetElectionTimer() {
    long span = config.electionTimeoutMaxMs() - config.electionTimeoutMinMs();
    long timeout = config.electionTimeoutMinMs() + (long) (random.nextDouble() * span);
    state.electionDeadline = now() + timeout;
    electionTimeoutTask.ensureFiresBy(state.electionDeadline);
  }

  void truncateLog(long fromIndex) {
    log.truncateFrom(fromIndex);
    durability.onTruncated(fromIndex);
  }

  RaftRole publicRole() {
    return switch (state.role) {
      case LEADER -> RaftRole.LEADER;
      case CANDIDATE -> RaftRole.CANDIDATE;
      case PRE_CANDIDATE -> RaftRole.PRE_CANDIDATE;
      case FOLLOWER -> log.membership().isVoter(id) ? RaftRole.FOLLOWER : RaftRole.LEARNER;
    };
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  private RaftStatus buildStatus() {
    return StatusBuilder.build(this);
  }
}
