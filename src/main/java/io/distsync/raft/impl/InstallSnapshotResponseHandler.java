package io.distsync.raft.impl;

import io.distsync.raft.message.InstallSnapshotResponse;

/** Leader side of InstallSnapshot: next chunk, or resume log replication after the last (§7). */
final class InstallSnapshotResponseHandler {
  private final RaftNodeImpl node;

  InstallSnapshotResponseHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(InstallSnapshotResponse resp) {
    RaftState s = node.state;
    if (resp.term() > s.currentTerm) {
      node.stepDown(
          resp.term(), null, "InstallSnapshot answer from " + resp.from() + " in a newer term");
      return;
    }
    if (!s.isLeader() || resp.term() != s.currentTerm) {
      return;
    }
    FollowerProgress p = s.leader.followers.get(resp.from());
    if (p == null) {
      return;
    }
    p.lastContact = node.now();
    p.ackedRound = Math.max(p.ackedRound, resp.round());
    if (resp.success() && resp.done()) {
      if (resp.lastIncludedIndex() > p.matchIndex) {
        p.matchIndex = resp.lastIncludedIndex();
      }
      p.nextIndex = p.matchIndex + 1;
      p.snapshotInFlight = false;
      p.snapshotIndex = -1;
      p.inFlight.clear();
      p.probing = true;
      p.lastProgress = node.now();
      node.replicator.tryCommit();
      node.transfer.maybeSendTimeoutNow();
    } else if (resp.lastIncludedIndex() == p.snapshotIndex) {
      p.snapshotOffset = resp.nextOffset();
      p.snapshotInFlight = false;
    } else {
      return; // answer about an older snapshot
    }
    node.reads.onAck();
    node.replicator.send(p, false);
  }
}
