package io.distsync.cluster.raft;

import io.distsync.cluster.Peer;
import io.distsync.cluster.PeerClients;
import io.distsync.cluster.raft.model.MemberRequest;
import io.distsync.cluster.raft.model.MembersReply;
import io.distsync.raft.Membership;
import io.distsync.raft.MembershipChangeException;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.RaftStatus;
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

  CompletionStage<MembersReply> add(MemberRequest request, boolean forward) {
    RaftNode node = service.node();
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
    return call.get();
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
