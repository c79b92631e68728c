package io.distsync.raft.impl;

import io.distsync.raft.message.TimeoutNow;
import java.lang.System.Logger.Level;

/** Leadership transfer target: start an election at once, skipping pre-vote (§3.10). */
final class TimeoutNowHandler {
  private final RaftNodeImpl node;

  TimeoutNowHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(TimeoutNow m) {
    RaftState s = node.state;
    if (m.term() != s.currentTerm
        || s.role != RaftState.Role.FOLLOWER
        || !m.from().equals(s.leaderId)
        || !node.log.membership().isVoter(node.id)) {
      node.log(Level.DEBUG, "ignores stale TimeoutNow from " + m.from());
      return;
    }
    node.log(Level.INFO, "TimeoutNow from " + m.from() + ": starting an election");
    node.elections.startElection(true);
  }
}
