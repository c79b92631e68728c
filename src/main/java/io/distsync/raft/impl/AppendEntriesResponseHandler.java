package io.distsync.raft.impl;

import io.distsync.raft.message.AppendEntriesResponse;

/** Leader side of AppendEntries: advance matchIndex or back off nextIndex (§5.3). */
final class AppendEntriesResponseHandler {
  private final RaftNodeImpl node;

  AppendEntriesResponseHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(AppendEntriesResponse resp) {
    RaftState s = node.state;
    if (resp.term() > s.currentTerm) {
      node.stepDown(
          resp.term(), null, "AppendEntries answer from " + resp.from() + " in a newer term");
      return;
    }
    if (!s.isLeader() || resp.term() != s.currentTerm) {
      return; // stale
    }
    FollowerProgress p = s.leader.followers.get(resp.from());
    if (p == null) {
      return; // no longer a member
    }
    long now = node.now();
    p.lastContact = now;
    if (resp.round() > p.ackedRound) {
      p.ackedRound = resp.round();
      Long sentAt = s.leader.roundSentAt.get(resp.round());
      if (sentAt != null) {
        node.listener.onAppendEntriesRoundTrip(node.id, p.id, now - sentAt);
      }
    }
    if (resp.success()) {
      while (!p.inFlight.isEmpty() && p.inFlight.peekFirst() <= resp.matchIndex()) {
        p.inFlight.pollFirst(); // answered (or covered by a later answer)
      }
      if (resp.matchIndex() > p.matchIndex) {
        p.matchIndex = resp.matchIndex();
        p.lastProgress = now;
      }
      if (p.nextIndex <= p.matchIndex) {
        p.nextIndex = p.matchIndex + 1;
      }
      if (p.probing && p.inFlight.isEmpty()) {
        p.probing = false; // the logs match: pipeline again
      }
      node.replicator.tryCommit();
      node.transfer.maybeSendTimeoutNow();
    } else {
      backOff(p, resp);
    }
    node.reads.onAck();
    if (s.isLeader()) {
      node.replicator.send(p, false);
    }
  }

  /** Fast back-off (§5.3): skip the follower's whole conflicting term in one step. */
  private void backOff(FollowerProgress p, AppendEntriesResponse resp) {
    long next = resp.conflictIndex();
    if (resp.conflictTerm() > 0) {
      long last = node.log.lastIndexOfTerm(resp.conflictTerm());
      if (last > 0) {
        next = last + 1;
      }
    }
    next = Math.max(next, p.matchIndex + 1);
    next = Math.min(next, node.log.lastIndex() + 1);
    p.nextIndex = Math.max(1, next);
    p.inFlight.clear();
    p.probing = true;
    p.lastProgress = node.now();
  }
}
