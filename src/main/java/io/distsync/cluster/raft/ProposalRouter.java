package io.distsync.cluster.raft;

import io.distsync.cluster.channel.NotSentException;
import io.distsync.cluster.channel.PeerChannels;
import io.distsync.cluster.channel.RemoteCallException;
import io.distsync.cluster.channel.Services;
import io.distsync.cluster.raft.CommandStateMachine.CommandResult;
import io.distsync.cluster.raft.model.Applied;
import io.distsync.raft.LeadershipTransferException;
import io.distsync.raft.NotLeaderException;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.RaftStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gets a command committed from any node: proposes it when this node leads, forwards it to the
 * leader on the peer channel otherwise (a call per command; the channel puts the calls queued
 * meanwhile into one frame, and their answers come back the same way), and while there is no leader
 * tries again every {@link #RETRY_MS} ms until the request timeout, then fails with 503 {@code
 * NO_QUORUM}. It retries only when the command was certainly not appended (not the leader, leader
 * unreachable before the call was sent); when the outcome is unknown (leadership lost, timeout
 * after sending) it fails instead, so a command is never committed twice by a retry here.
 */
final class ProposalRouter {
  static final long RETRY_MS = 50;

  /** HTTP status of a forwarded proposal that reached a node that does not lead. */
  static final int NOT_LEADER_STATUS = 421;

  private final RaftNode node;
  private final PeerChannels channels;
  private final ScheduledExecutorService scheduler;
  private final Executor completions;
  private final long timeoutMs;

  /**
   * @param completions where callers' futures complete: never the Raft node's own thread, which
   *     must not run the callers' work (JSON, writing HTTP responses)
   */
  ProposalRouter(
      RaftNode node,
      PeerChannels channels,
      ScheduledExecutorService scheduler,
      Executor completions,
      long timeoutMs) {
    this.node = node;
    this.channels = channels;
    this.scheduler = scheduler;
    this.completions = completions;
    this.timeoutMs = timeoutMs;
  }

  /** Commits {@code command} through whichever node leads. */
  CompletableFuture<Applied> propose(String command) {
    CompletableFuture<Applied> result = new CompletableFuture<>();
    attempt(command, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), true, result);
    return result;
  }

  /** Commits {@code command} only if this node leads (a forwarded proposal: no second hop). */
  CompletableFuture<Applied> proposeHere(String command) {
    CompletableFuture<Applied> result = new CompletableFuture<>();
    proposeLocally(command, 0, false, result);
    return result;
  }

  private void attempt(
      String command, long deadline, boolean forward, CompletableFuture<Applied> result) {
    if (System.nanoTime() > deadline) {
      result.completeExceptionally(
          new NoQuorumException("No leader could be reached within " + timeoutMs + " ms."));
      return;
    }
    RaftStatus status = node.status();
    if (status.role() == RaftRole.LEADER) {
      proposeLocally(command, deadline, true, result);
    } else if (status.leaderId() != null) {
      forward(command, status.leaderId(), deadline, result);
    } else {
      retryLater(command, deadline, result);
    }
  }

  private void proposeLocally(
      String command, long deadline, boolean retry, CompletableFuture<Applied> result) {
    // The leader's clock goes into the entry: replicas take time from the log.
    String stamped = CommandStateMachine.stamp(command, System.currentTimeMillis());
    node.propose(stamped.getBytes(StandardCharsets.UTF_8))
        .whenCompleteAsync(
            (value, failure) -> {
              if (failure == null) {
                CommandResult r = (CommandResult) value;
                RaftStatus s = node.status();
                result.complete(new Applied(r.index(), s.term(), s.leaderId(), r.value()));
                return;
              }
              Throwable cause = unwrap(failure);
              boolean notAppended =
                  cause instanceof NotLeaderException
                      || cause instanceof LeadershipTransferException;
              if (notAppended && retry) {
                retryLater(command, deadline, result);
              } else if (notAppended) {
                result.completeExceptionally(new NotLeaderHere(node.status().leaderId()));
              } else {
                result.completeExceptionally(
                    new NoQuorumException("The outcome is unknown: " + cause.getMessage()));
              }
            },
            completions);
  }

  private void forward(
      String command, String leaderId, long deadline, CompletableFuture<Applied> result) {
    long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    channels
        .call(leaderId, Services.FORWARD, RaftChannelService.command(command), left)
        .whenCompleteAsync(
            (body, failure) -> {
              if (failure == null) {
                try {
                  result.complete(RaftChannelService.decodeApplied(body));
                } catch (RuntimeException malformed) {
                  result.completeExceptionally(
                      new NoQuorumException("The leader's answer did not decode."));
                }
              } else if (neverArrived(unwrap(failure))) {
                retryLater(command, deadline, result);
              } else {
                result.completeExceptionally(
                    new NoQuorumException(
                        "The outcome is unknown: the leader "
                            + leaderId
                            + " did not answer ("
                            + unwrap(failure).getMessage()
                            + ")."));
              }
            },
            completions);
  }

  /** True when the leader certainly did not append the command. */
  private static boolean neverArrived(Throwable t) {
    if (t instanceof NotSentException) {
      return true;
    }
    if (t instanceof RemoteCallException r) {
      return RaftChannelService.NOT_LEADER.equals(r.code())
          || RaftChannelService.NOT_READY.equals(r.code());
    }
    return false; // CallOutcomeUnknownException among others: it may have been appended
  }

  private void retryLater(String command, long deadline, CompletableFuture<Applied> result) {
    scheduler.schedule(
        () -> attempt(command, deadline, true, result), RETRY_MS, TimeUnit.MILLISECONDS);
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** A forwarded proposal reached a node that does not lead; the forwarder may try again. */
  static final class NotLeaderHere extends io.distsync.error.ApiException {
    NotLeaderHere(String leaderId) {
      super(
          "NOT_LEADER",
          NOT_LEADER_STATUS,
          "This node does not lead"
              + (leaderId == null ? "." : "; the leader is " + leaderId + "."),
          java.util.Map.of(),
          null);
    }
  }
}
