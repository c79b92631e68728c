package io.distsync.raft.impl;

import io.distsync.raft.message.VoteResponse;

/** Counts votes: votes from a majority of voters make the candidate leader (§5.2). */
final class VoteResponseHandler {
  private final RaftNodeImpl node;

  VoteResponseHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(VoteResponse resp) {
    RaftState s = node.state;
    if (resp.term() > s.currentTerm) {
      node.stepDown(resp.term(), null, "vote answer from " + resp.from() + " in a newer term");
      return;
    }
    if (s.role != RaftState.Role.CANDIDATE || resp.term() != s.currentTerm || !resp.granted()) {
      return;
    }
    s.votes.add(resp.from());
    if (node.elections.hasQuorum(s.votes)) {
      node.becomeLeader();
    }
  }
}
