package io.distsync.raft.impl;

import io.distsync.raft.message.PreVoteResponse;

/** Counts pre-votes; a majority turns the pre-candidate into a candidate (§9.6). */
final class PreVoteResponseHandler {
  private final RaftNodeImpl node;

  PreVoteResponseHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(PreVoteResponse resp) {
    RaftState s = node.state;
    if (!resp.granted()) {
      if (resp.term() > s.currentTerm) {
        // A newer term exists: adopt it and follow (§5.1).
        node.stepDown(resp.term(), null, "pre-vote refused by " + resp.from() + " in a newer term");
      }
      return;
    }
    if (s.role != RaftState.Role.PRE_CANDIDATE || resp.term() != s.currentTerm + 1) {
      return; // stale answer
    }
    s.votes.add(resp.from());
    if (node.elections.hasQuorum(s.votes)) {
      node.elections.startElection(false);
    }
  }
}
