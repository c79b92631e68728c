package io.distsync.raft;

import io.distsync.raft.impl.RaftNodeImpl;
import io.distsync.raft.message.RaftMessage;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One member of a Raft group. Every method may be called from any thread: it hops onto the node's
 * {@link RaftExecutor} and answers through a future. Futures fail with the typed {@link
 * RaftException}s documented per method; they are completed on the node's executor, so callers must
 * not block in their continuations.
 */
public interface RaftNode {

  static Builder builder() {
    return new Builder();
  }

  String id();

  /** Recovers from the store, restores the state machine, and starts the timers. */
  CompletableFuture<Void> start();

  /** Delivers a message from the transport. Any thread; returns at once. */
  void handle(RaftMessage message);

  /**
   * Replicates {@code command} and completes with the state machine's result once applied here.
   * Fails with {@link NotLeaderException} (not appended), {@link LeadershipTransferException} (not
   * appended), {@link LeadershipLostException} or {@link RaftTimeoutException} (outcome unknown),
   * {@link RaftShutdownException}.
   */
  CompletableFuture<Object> propose(byte[] command);

  /**
   * Linearizable read barrier (ReadIndex, dissertation §6.4): completes with an index once this
   * node has applied at least up to it; reads of the state machine made after that are
   * linearizable. Works on followers by asking the leader.
   */
  CompletableFuture<Long> readIndex();

  /** Runs {@code query} on the state machine, on the executor, after {@link #readIndex()}. */
  <T> CompletableFuture<T> query(Function<StateMachine, T> query);

  /** Adds a non-voting learner (one change at a time, §4.1). Completes once committed. */
  CompletableFuture<Membership> addLearner(RaftMember member);

  /** Makes a caught-up learner a voter. Fails with {@link MembershipChangeException} otherwise. */
  CompletableFuture<Membership> promote(String memberId);

  /** Removes a member; a leader removing itself steps down once the change commits. */
  CompletableFuture<Membership> removeMember(String memberId);

  /**
   * Hands leadership to {@code targetId} (dissertation §3.10): catches it up, then sends
   * TimeoutNow. Proposals are refused meanwhile. Completes when this node steps down; fails with
   * {@link RaftTimeoutException} after an election timeout.
   */
  CompletableFuture<Void> transferLeadership(String targetId);

  /** The latest published status (refreshed after every task on the executor); never null. */
  RaftStatus status();

  /**
   * The disk failure that stopped this node (a write or sync of its log or state failed, for
   * instance because the disk is full), or null while it runs. A stopped node takes no part in the
   * group until it is restarted: its log may be torn after the failed write, so it is reloaded from
   * disk, never trusted in memory. Safe from any thread.
   */
  Throwable failure();

  /** Up to {@code maxEntries} log entries from {@code fromIndex} (those still in the log). */
  CompletableFuture<List<LogEntry>> logEntries(long fromIndex, int maxEntries);

  /** Stops timers and fails pending futures with {@link RaftShutdownException}. Idempotent. */
  CompletableFuture<Void> shutdown();

  /** Builds a {@link RaftNode}; every setter except the optional ones is required. */
  final class Builder {
    String nodeId;
    Membership membership;
    RaftConfig config = RaftConfig.defaults();
    Transport transport;
    StateMachine stateMachine;
    RaftStore store;
    RaftExecutor executor;
    Random random;
    RaftListener listener = RaftListener.NO_OP;
    Executor syncExecutor;

    private Builder() {}

    public Builder nodeId(String v) {
      nodeId = v;
      return this;
    }

    /** The membership to bootstrap with when the store holds none (a new group or new node). */
    public Builder membership(Membership v) {
      membership = v;
      return this;
    }

    public Builder config(RaftConfig v) {
      config = v;
      return this;
    }

    public Builder transport(Transport v) {
      transport = v;
      return this;
    }

    public Builder stateMachine(StateMachine v) {
      stateMachine = v;
      return this;
    }

    public Builder store(RaftStore v) {
      store = v;
      return this;
    }

    public Builder executor(RaftExecutor v) {
      executor = v;
      return this;
    }

    public Builder random(Random v) {
      random = v;
      return this;
    }

    /** Optional. */
    public Builder listener(RaftListener v) {
      listener = v;
      return this;
    }

    /**
     * Optional: where {@link RaftStore#sync()} runs, so the executor goes on while the disk syncs
     * (group commit). Defaults to running it on the node's executor.
     */
    public Builder syncExecutor(Executor v) {
      syncExecutor = v;
      return this;
    }

    public RaftNode build() {
      Objects.requireNonNull(nodeId, "nodeId");
      Objects.requireNonNull(membership, "membership");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(stateMachine, "stateMachine");
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(executor, "executor");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(listener, "listener");
      return new RaftNodeImpl(
          nodeId,
          membership,
          config,
          transport,
          stateMachine,
          store,
          executor,
          random,
          listener,
          syncExecutor);
    }
  }
}
