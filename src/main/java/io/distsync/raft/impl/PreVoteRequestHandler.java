package io.distsync.raft.impl;

import io.distsync.raft.message.PreVoteRequest;
import io.distsync.raft.message.PreVoteResponse;
import java.lang.System.Logger.Level;

/** Answers a pre-vote (§9.6) without changing this node's term or vote. */
final class PreVoteRequestHandler {
  private final RaftNodeImpl node;

  PreVoteRequestHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(PreVoteRequest req) {
    RaftState s = node.state;
    boolean granted;
    String reason;
    if (req.term() <= s.currentTerm) {
      granted = false; // it would campaign in a term that is not newer than ours (§5.1)
      reason = "its term " + req.term() + " is not newer";
    } else if (node.elections.heardFromLeaderRecently()) {
      granted = false; // leader stickiness: our leader is alive (§9.6)
      reason = "heard from leader " + s.leaderId + " recently";
    } else if (!node.elections.isUpToDate(req.lastLogTerm(), req.lastLogIndex())) {
      granted = false; // it could not win: its log is behind ours (§5.4.1)
      reason = "its log is behind";
    } else {
      granted = true;
      reason = "its log is up to date";
    }
    node.log(
        Level.DEBUG,
        (granted ? "grants" : "refuses") + " pre-vote to " + req.from() + ": " + reason);
    node.send(
        req.from(), new PreVoteResponse(granted ? req.term() : s.currentTerm, node.id, granted));
  }
}
