package io.distsync.cluster.raft;

import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerClients;
import io.distsync.cluster.raft.model.MemberRequest;
import io.distsync.cluster.raft.model.MembersReply;
import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import io.distsync.raft.Membership;
import io.distsync.raft.MembershipChangeException;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.RaftStatus;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Membership changes from any node, one server at a time: the leader adds the new member as a
 * learner, waits until it has caught up (by log or snapshot), then promotes it to voter; a removal
 * is one configuration entry. Other nodes forward to the leader.
 */
final class MembershipRouter {
  /** How long a new member may take to catch up before the request fails. */
  static final long CATCH_UP_TIMEOUT_MS = 120_000;

  private static final long RETRY_MS = 200;

  private final RaftService service;
  private final PeerClients clients;
  private final ScheduledExecutorService scheduler;

  MembershipRouter(RaftService service, PeerClients clients, ScheduledExecutorService scheduler) {
    this.service = service;
    this.clients = clients;
    this.scheduler = scheduler;
  }

  /** Refuses a malformed request with 400 before anything is proposed or forwarded. */
  static void validate(MemberRequest request) {
    if (request == null || request.id() == null || !request.id().matches("[A-Za-z0-9._-]{1,64}")) {
      throw ApiException.invalid("id must match [A-Za-z0-9._-]{1,64}");
    }
    if (request.url() == null || !request.url().matches("https?://[^/\\s]+(/\\S*)?")) {
      throw ApiException.invalid("url must be an http(s) URL");
    }
    refuseNonMemberAddress(java.net.URI.create(request.url()).getHost());
  }

  /**
   * The leader will connect to a new member's URL, so an URL that points at a link-local address
   * (the cloud metadata service at 169.254.169.254), a wildcard or a multicast address is refused:
   * adding a member must not be a way to make the cluster call such addresses.
   */
  static void refuseNonMemberAddress(String host) {
    if (host == null || host.isBlank()) {
      throw ApiException.invalid("url must name a host");
    }
    java.net.InetAddress[] addresses;
    try {
      addresses = java.net.InetAddress.getAllByName(host.replaceAll("^\\[|\\]$", ""));
    } catch (java.net.UnknownHostException e) {
      throw ApiException.invalid("the url's host " + host + " cannot be resolved");
    }
    for (java.net.InetAddress a : addresses) {
      if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
        throw ApiException.invalid(
            "the url's host " + host + " is a link-local, wildcard or multicast address");
      }
    }
  }

  CompletionStage<MembersReply> add(MemberRequest request, boolean forward) {
    validate(request);
    RaftNode node = service.node();
    if (node.status().members().stream().anyMatch(m -> m.id().equals(request.id()))) {
      throw ApiException.invalid(request.id() + " is already a member");
    }
    if (node.status().role() != RaftRole.LEADER) {
      return forwardOr(forward, () -> leaderApi().addMember(request));
    }
    RaftMember learner = new RaftMember(request.id(), request.url(), false);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_TIMEOUT_MS);
    return node.addLearner(learner)
        .thenCompose(m -> promoteWhenCaughtUp(node, request.id(), deadline))
        .thenApply(this::reply);
  }

  CompletionStage<MembersReply> remove(String id, boolean forward) {
    RaftNode node = service.node();
    if (node.status().role() != RaftRole.LEADER) {
      return forwardOr(forward, () -> leaderApi().removeMember(id));
    }
    return node.removeMember(id).thenApply(this::reply);
  }

  /** Promotion is refused while the learner lags; ask again until it has caught up. */
  private CompletableFuture<Membership> promoteWhenCaughtUp(
      RaftNode node, String id, long deadline) {
    CompletableFuture<Membership> result = new CompletableFuture<>();
    tryPromote(node, id, deadline, result);
    return result;
  }

  private void tryPromote(
      RaftNode node, String id, long deadline, CompletableFuture<Membership> result) {
    node.promote(id)
        .whenComplete(
            (m, failure) -> {
              if (failure == null) {
                result.complete(m);
              } else if (ProposalRouter.unwrap(failure) instanceof MembershipChangeException
                  && System.nanoTime() < deadline) {
                scheduler.schedule(
                    () -> tryPromote(node, id, deadline, result), RETRY_MS, TimeUnit.MILLISECONDS);
              } else {
                result.completeExceptionally(ProposalRouter.unwrap(failure));
              }
            });
  }

  private CompletionStage<MembersReply> forwardOr(
      boolean forward, Supplier<CompletionStage<MembersReply>> call) {
    if (!forward) {
      return CompletableFuture.failedFuture(
          new ProposalRouter.NotLeaderHere(service.node().status().leaderId()));
    }
    return call.get().exceptionallyCompose(f -> CompletableFuture.failedFuture(fromLeader(f)));
  }

  /**
   * The leader's refusal as this node's answer: its 4xx as a 4xx, anything else (its 5xx, no
   * answer) as 503 {@code NO_QUORUM}, never a 500 of ours.
   */
  private static Throwable fromLeader(Throwable failure) {
    Throwable cause = ProposalRouter.unwrap(failure);
    if (cause instanceof WebApplicationException w
        && w.getResponse().getStatus() < 500
        && w.getResponse().getStatus() != ProposalRouter.NOT_LEADER_STATUS) {
      int status = w.getResponse().getStatus();
      // The leader's 409 is its MembershipChangeException: the same code here as there.
      ErrorCode code =
          status == ErrorCode.MEMBERSHIP_CHANGE_REFUSED.status()
              ? ErrorCode.MEMBERSHIP_CHANGE_REFUSED
              : ErrorCode.forStatus(status);
      return new ApiException(code, "The leader refused the change (HTTP " + status + ").");
    }
    return new NoQuorumException("The leader did not make the change: " + cause.getMessage());
  }

  private RaftPeerApi leaderApi() {
    String leaderId = service.node().status().leaderId();
    if (leaderId == null) {
      throw new NoQuorumException("No leader is known; try again.");
    }
    Peer leader =
        new Peer(
            leaderId,
            service
                .addressOf(leaderId)
                .orElseThrow(() -> new NoQuorumException("The leader's address is unknown.")));
    return clients.client(leader, RaftPeerApi.class);
  }

  private MembersReply reply(Membership m) {
    RaftStatus status = service.node().status();
    return new MembersReply(RaftViews.members(m, status));
  }
}
