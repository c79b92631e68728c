package io.distsync.raft.impl;

import io.distsync.raft.UnsafeRule;
import io.distsync.raft.message.VoteRequest;
import io.distsync.raft.message.VoteResponse;
import java.lang.System.Logger.Level;

/** RequestVote receiver rules (§5.2, §5.4.1), plus leader stickiness (§4.2.3). */
final class VoteRequestHandler {
  private final RaftNodeImpl node;

  VoteRequestHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(VoteRequest req) {
    RaftState s = node.state;
    // Leader stickiness: ignore a disruptive candidate while our leader is alive, and do not even
    // adopt its term (§4.2.3). A transfer-initiated election is exempt (§3.10).
    if (!req.leadershipTransfer()
        && req.term() > s.currentTerm
        && node.elections.heardFromLeaderRecently()) {
      node.log(
          Level.DEBUG, "refuses vote to " + req.from() + ": leader " + s.leaderId + " is alive");
      node.send(req.from(), new VoteResponse(s.currentTerm, node.id, false));
      return;
    }
    // If RPC request contains term T > currentTerm: set currentTerm = T, convert to follower (§5.1)
    if (req.term() > s.currentTerm) {
      node.stepDown(req.term(), null, "vote request from " + req.from() + " in a newer term");
    }
    // Reply false if term < currentTerm (§5.1)
    boolean granted = false;
    if (req.term() == s.currentTerm) {
      // If votedFor is null or candidateId, and the candidate's log is at least as up-to-date as
      // the receiver's log, grant vote (§5.2, §5.4.1)
      boolean canVote =
          s.votedFor == null
              || s.votedFor.equals(req.from())
              || node.config.breaks(UnsafeRule.GRANT_TWO_VOTES_PER_TERM);
      boolean upToDate =
          node.elections.isUpToDate(req.lastLogTerm(), req.lastLogIndex())
              || node.config.breaks(UnsafeRule.SKIP_LOG_UP_TO_DATE_CHECK);
      // A pre-candidate has not voted in this term yet, so it may still vote for someone else.
      boolean mayVote = s.role == RaftState.Role.FOLLOWER || s.role == RaftState.Role.PRE_CANDIDATE;
      granted = canVote && upToDate && mayVote;
      if (granted) {
        node.persistTermAndVote(s.currentTerm, req.from()); // durable before answering (Fig. 2)
        if (s.role != RaftState.Role.FOLLOWER) {
          node.stepDown(s.currentTerm, null, "voted for " + req.from());
        }
        node.resetElectionTimer();
      }
      node.log(
          Level.DEBUG,
          (granted ? "votes for " : "refuses vote to ")
              + req.from()
              + " (votedFor="
              + s.votedFor
              + ", upToDate="
              + upToDate
              + ")");
    }
    node.send(req.from(), new VoteResponse(s.currentTerm, node.id, granted));
  }
}
