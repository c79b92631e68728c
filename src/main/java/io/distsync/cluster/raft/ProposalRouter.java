package io.distsync.cluster.raft;

import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerClients;
import io.distsync.cluster.raft.CommandStateMachine.CommandResult;
import io.distsync.cluster.raft.model.Applied;
import io.distsync.cluster.raft.model.ForwardedProposal;
import io.distsync.raft.LeadershipTransferException;
import io.distsync.raft.NotLeaderException;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.RaftStatus;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Gets a command committed from any node: proposes it when this node leads, forwards it to the
 * leader otherwise, and while there is no leader tries again every {@link #RETRY_MS} ms until the
 * request timeout, then fails with 503 {@code NO_QUORUM}. It retries only when the command was
 * certainly not appended (not the leader, leader unreachable before the call was sent); when the
 * outcome is unknown (leadership lost, timeout after sending) it fails instead, so a command is
 * never committed twice by a retry here.
 */
final class ProposalRouter {
  static final long RETRY_MS = 50;

  /** HTTP status of a forwarded proposal that reached a node that does not lead. */
  static final int NOT_LEADER_STATUS = 421;

  private final RaftNode node;
  private final PeerClients clients;
  private final Function<String, Optional<URI>> addressBook;
  private final ScheduledExecutorService scheduler;
  private final long timeoutMs;

  ProposalRouter(
      RaftNode node,
      PeerClients clients,
      Function<String, Optional<URI>> addressBook,
      ScheduledExecutorService scheduler,
      long timeoutMs) {
    this.node = node;
    this.clients = clients;
    this.addressBook = addressBook;
    this.scheduler = scheduler;
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
    } else if (status.leaderId() != null && addressBook.apply(status.leaderId()).isPresent()) {
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
        .whenComplete(
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
            });
  }

  private void forward(
      String command, String leaderId, long deadline, CompletableFuture<Applied> result) {
    Peer leader = new Peer(leaderId, addressBook.apply(leaderId).orElseThrow());
    clients
        .client(leader, RaftPeerApi.class)
        .propose(new ForwardedProposal(command))
        .whenComplete(
            (applied, failure) -> {
              if (failure == null) {
                result.complete(applied);
              } else if (neverArrived(unwrap(failure))) {
                retryLater(command, deadline, result);
              } else {
                result.completeExceptionally(
                    new NoQuorumException(
                        "The outcome is unknown: the leader " + leaderId + " did not answer."));
              }
            });
  }

  /** True when the leader certainly did not append the command. */
  private static boolean neverArrived(Throwable t) {
    if (t instanceof WebApplicationException w) {
      int status = w.getResponse().getStatus();
      return status == NOT_LEADER_STATUS || status == 401;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return true;
      }
    }
    return false;
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
