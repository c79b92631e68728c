package io.distsync.raft.impl;

import io.distsync.raft.EntryType;
import io.distsync.raft.LeadershipTransferException;
import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.MembershipChangeException;
import io.distsync.raft.NotLeaderException;
import io.distsync.raft.RaftMember;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Single-server membership changes (dissertation §4.1): one change at a time, each taking effect on
 * every server as soon as its CONFIGURATION entry is appended; a new change is accepted only once
 * the previous one committed and the leader committed an entry of its own term.
 */
final class MembershipChanges {
  private final RaftNodeImpl node;

  MembershipChanges(RaftNodeImpl node) {
    this.node = node;
  }

  void addLearner(RaftMember member, CompletableFuture<Membership> f) {
    change(
        f,
        "add learner " + member.id(),
        m -> {
          if (m.member(member.id()).isPresent()) {
            throw new MembershipChangeException(member.id() + " is already a member");
          }
          List<RaftMember> list = new ArrayList<>(m.members());
          list.add(new RaftMember(member.id(), member.address(), false));
          return new Membership(list);
        });
  }

  void promote(String memberId, CompletableFuture<Membership> f) {
    change(
        f,
        "promote " + memberId,
        m -> {
          RaftMember member =
              m.member(memberId)
                  .orElseThrow(() -> new MembershipChangeException(memberId + " is not a member"));
          if (member.voter()) {
            throw new MembershipChangeException(memberId + " is already a voter");
          }
          FollowerProgress p = node.state.leader.followers.get(memberId);
          long lag = node.log.lastIndex() - (p == null ? 0 : p.matchIndex);
          if (lag > node.config.catchUpMaxLagEntries()) {
            throw new MembershipChangeException(
                memberId + " is not caught up yet (" + lag + " entries behind)");
          }
          List<RaftMember> list = new ArrayList<>();
          for (RaftMember x : m.members()) {
            list.add(x.id().equals(memberId) ? new RaftMember(x.id(), x.address(), true) : x);
          }
          return new Membership(list);
        });
  }

  void remove(String memberId, CompletableFuture<Membership> f) {
    change(
        f,
        "remove " + memberId,
        m -> {
          RaftMember member =
              m.member(memberId)
                  .orElseThrow(() -> new MembershipChangeException(memberId + " is not a member"));
          if (member.voter() && m.voters().size() == 1) {
            throw new MembershipChangeException("cannot remove the last voter " + memberId);
          }
          List<RaftMember> list = new ArrayList<>(m.members());
          list.removeIf(x -> x.id().equals(memberId));
          return new Membership(list);
        });
  }

  private void change(
      CompletableFuture<Membership> f, String what, UnaryOperator<Membership> update) {
    RaftState s = node.state;
    if (!s.isLeader()) {
      f.completeExceptionally(new NotLeaderException(node.id, s.leaderId));
      return;
    }
    if (s.leader.transfer != null) {
      f.completeExceptionally(new LeadershipTransferException("leadership transfer in progress"));
      return;
    }
    // The leader must have committed an entry of its term first (dissertation §4.1 fix).
    if (s.commitIndex < s.leader.termStartIndex) {
      f.completeExceptionally(
          new MembershipChangeException(
              "leader has not committed an entry of its term yet; retry"));
      return;
    }
    // Only one change in flight (§4.1).
    if (node.log.membershipIndex() > s.commitIndex) {
      f.completeExceptionally(
          new MembershipChangeException("another membership change is in progress"));
      return;
    }
    Membership next;
    try {
      next = update.apply(node.log.membership());
    } catch (MembershipChangeException e) {
      f.completeExceptionally(e);
      return;
    }
    long index = node.log.lastIndex() + 1;
    node.log.append(
        List.of(new LogEntry(index, s.currentTerm, EntryType.CONFIGURATION, next.encode())));
    node.log(Level.INFO, what + ": configuration " + next.members() + " at index " + index);
    CompletableFuture<Object> applied = new CompletableFuture<>();
    applied.whenComplete(
        (r, err) -> {
          if (err != null) {
            f.completeExceptionally(err);
          } else {
            f.complete((Membership) r);
          }
        });
    node.proposals.track(index, applied);
    node.replicator.syncFollowers(); // in force as soon as appended
    node.durability.requestSync();
    node.replicator.broadcast(false);
    node.replicator.tryCommit();
  }
}
