package io.distsync.raft.impl;

import io.distsync.raft.LeadershipTransferException;
import io.distsync.raft.NotLeaderException;
import io.distsync.raft.RaftException;
import io.distsync.raft.RaftTimeoutException;
import io.distsync.raft.message.TimeoutNow;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;

/**
 * Leadership transfer (dissertation §3.10): stop accepting proposals, catch the target up, send it
 * TimeoutNow, and give up after an election timeout.
 */
final class LeadershipTransfer {
  static final class Pending {
    final String target;
    final long deadline;
    final CompletableFuture<Void> future;
    long timeoutNowSentAt = -1;

    Pending(String target, long deadline, CompletableFuture<Void> future) {
      this.target = target;
      this.deadline = deadline;
      this.future = future;
    }
  }

  private final RaftNodeImpl node;

  LeadershipTransfer(RaftNodeImpl node) {
    this.node = node;
  }

  void start(String target, CompletableFuture<Void> f) {
    RaftState s = node.state;
    if (!s.isLeader()) {
      f.completeExceptionally(new NotLeaderException(node.id, s.leaderId));
      return;
    }
    if (target.equals(node.id)) {
      f.complete(null);
      return;
    }
    if (!node.log.membership().isVoter(target)) {
      f.completeExceptionally(new LeadershipTransferException(target + " is not a voter"));
      return;
    }
    if (s.leader.transfer != null) {
      f.completeExceptionally(
          new LeadershipTransferException(
              "a transfer to " + s.leader.transfer.target + " is already in progress"));
      return;
    }
    s.leader.transfer = new Pending(target, node.now() + node.config.electionTimeoutMaxMs(), f);
    node.log(Level.INFO, "transferring leadership to " + target);
    node.replicator.send(s.leader.followers.get(target), false);
    maybeSendTimeoutNow();
  }

  /** Sends TimeoutNow once the target has every entry (again each heartbeat if it got lost). */
  void maybeSendTimeoutNow() {
    RaftState s = node.state;
    Pending t = s.isLeader() ? s.leader.transfer : null;
    if (t == null) {
      return;
    }
    FollowerProgress p = s.leader.followers.get(t.target);
    long now = node.now();
    if (p != null
        && p.matchIndex >= node.log.lastIndex()
        && (t.timeoutNowSentAt < 0
            || now - t.timeoutNowSentAt >= node.config.heartbeatIntervalMs())) {
      t.timeoutNowSentAt = now;
      node.send(t.target, new TimeoutNow(s.currentTerm, node.id));
    }
  }

  /** Leadership ended (normally because the target won): the transfer succeeded. */
  void onStepDown(LeaderState ls) {
    if (ls != null && ls.transfer != null) {
      ls.transfer.future.complete(null);
      ls.transfer = null;
    }
  }

  void expire(long now) {
    RaftState s = node.state;
    Pending t = s.isLeader() ? s.leader.transfer : null;
    if (t != null && now >= t.deadline) {
      s.leader.transfer = null;
      node.log(Level.WARNING, "leadership transfer to " + t.target + " timed out");
      t.future.completeExceptionally(
          new RaftTimeoutException(
              "leadership transfer to " + t.target + " did not finish within an election timeout"));
    }
  }

  void fail(RaftException e) {
    RaftState s = node.state;
    if (s.leader != null && s.leader.transfer != null) {
      s.leader.transfer.future.completeExceptionally(e);
      s.leader.transfer = null;
    }
  }
}
