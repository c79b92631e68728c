package io.distsync.raft.impl;

import io.distsync.raft.RaftMember;
import java.lang.System.Logger.Level;

/**
 * Check-quorum (§6.2, §9.6): a leader that has not heard from a majority of voters within an
 * election timeout steps down, so a leader cut off in a minority stops serving.
 */
final class CheckQuorumTask implements Runnable {
  private final RaftNodeImpl node;
  private final long term;

  CheckQuorumTask(RaftNodeImpl node, long term) {
    this.node = node;
    this.term = term;
  }

  void schedule() {
    node.schedule(this, node.config.electionTimeoutMinMs() / 2);
  }

  @Override
  public void run() {
    RaftState s = node.state;
    if (!s.isLeader() || s.currentTerm != term) {
      return;
    }
    long now = node.now();
    long window = node.config.electionTimeoutMaxMs();
    int live = 0;
    for (RaftMember v : node.log.membership().voters()) {
      FollowerProgress p = s.leader.followers.get(v.id());
      if (v.id().equals(node.id) || (p != null && now - p.lastContact < window)) {
        live++;
      }
    }
    if (live < node.log.membership().quorum()) {
      node.log(
          Level.INFO,
          "check-quorum failed: heard from "
              + live
              + " voters in "
              + window
              + " ms, stepping down");
      node.stepDown(
          s.currentTerm, null, "check-quorum: no majority heard within " + window + " ms");
      return;
    }
    schedule();
  }
}
