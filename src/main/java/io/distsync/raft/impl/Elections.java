package io.distsync.raft.impl;

import io.distsync.raft.Membership;
import io.distsync.raft.RaftMember;
import io.distsync.raft.message.PreVoteRequest;
import io.distsync.raft.message.VoteRequest;
import java.lang.System.Logger.Level;
import java.util.Set;

/** Starting (pre-)elections and the vote rules shared by the vote handlers (§5.2, §5.4.1, §9.6). */
final class Elections {
  private final RaftNodeImpl node;

  Elections(RaftNodeImpl node) {
    this.node = node;
  }

  void onElectionTimeout() {
    if (!node.log.membership().isVoter(node.id)) {
      node.resetElectionTimer(); // learners and removed servers never campaign
      return;
    }
    node.log(Level.DEBUG, "election timeout (leader was " + node.state.leaderId + ")");
    if (node.config.preVote()) {
      startPreVote();
    } else {
      startElection(false);
    }
  }

  /** Pre-vote (§9.6): ask whether a majority would vote, without bumping anyone's term. */
  void startPreVote() {
    RaftState s = node.state;
    node.setLeader(null);
    node.setRole(RaftState.Role.PRE_CANDIDATE, "election timeout, asking for pre-votes");
    s.votes.clear();
    s.votes.add(node.id);
    node.resetElectionTimer();
    node.listener.onElectionStarted(node.id, s.currentTerm + 1, true);
    if (hasQuorum(s.votes)) {
      startElection(false);
      return;
    }
    PreVoteRequest req =
        new PreVoteRequest(s.currentTerm + 1, node.id, node.log.lastIndex(), node.log.lastTerm());
    sendToOtherVoters(req);
  }

  /** Becomes candidate: increment currentTerm, vote for self, reset the timer, ask (§5.2). */
  void startElection(boolean leadershipTransfer) {
    RaftState s = node.state;
    node.persistTermAndVote(s.currentTerm + 1, node.id);
    node.setLeader(null);
    node.setRole(
        RaftState.Role.CANDIDATE,
        leadershipTransfer ? "TimeoutNow from the leader" : "pre-vote won or election timeout");
    s.votes.clear();
    s.votes.add(node.id);
    node.resetElectionTimer();
    node.listener.onElectionStarted(node.id, s.currentTerm, false);
    if (hasQuorum(s.votes)) {
      node.becomeLeader();
      return;
    }
    sendToOtherVoters(
        new VoteRequest(
            s.currentTerm, node.id, node.log.lastIndex(), node.log.lastTerm(), leadershipTransfer));
  }

  private void sendToOtherVoters(io.distsync.raft.message.RaftMessage m) {
    for (RaftMember v : node.log.membership().voters()) {
      if (!v.id().equals(node.id)) {
        node.send(v.id(), m);
      }
    }
  }

  boolean hasQuorum(Set<String> ids) {
    Membership m = node.log.membership();
    long n = m.voters().stream().filter(v -> ids.contains(v.id())).count();
    return n >= m.quorum();
  }

  /** The candidate's log is at least as up-to-date as ours (§5.4.1). */
  boolean isUpToDate(long lastLogTerm, long lastLogIndex) {
    long myTerm = node.log.lastTerm();
    return lastLogTerm > myTerm || (lastLogTerm == myTerm && lastLogIndex >= node.log.lastIndex());
  }

  /**
   * Leader stickiness (§4.2.3, §9.6): a server that heard from a live leader within the minimum
   * election timeout does not help depose it.
   */
  boolean heardFromLeaderRecently() {
    RaftState s = node.state;
    if (!node.config.leaderStickiness()) {
      return false;
    }
    if (s.isLeader()) {
      return true;
    }
    return s.leaderId != null
        && node.now() - s.lastLeaderContact < node.config.electionTimeoutMinMs();
  }
}
