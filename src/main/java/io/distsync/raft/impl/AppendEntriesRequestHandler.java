package io.distsync.raft.impl;

import io.distsync.raft.LogEntry;
import io.distsync.raft.message.AppendEntriesRequest;
import io.distsync.raft.message.AppendEntriesResponse;
import java.lang.System.Logger.Level;
import java.util.List;

/** AppendEntries receiver rules (§5.3, Figure 2). */
final class AppendEntriesRequestHandler {
  private final RaftNodeImpl node;

  AppendEntriesRequestHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(AppendEntriesRequest req) {
    RaftState s = node.state;
    RaftLog log = node.log;
    // Reply false if term < currentTerm (§5.1)
    if (req.term() < s.currentTerm) {
      reply(req, false, 0, 0, 0);
      return;
    }
    if (!recognizeLeader(req.term(), req.from())) {
      return;
    }
    long prev = req.prevLogIndex();
    List<LogEntry> entries = req.entries();
    long claimed = prev + entries.size();
    if (prev < log.snapshotIndex()) {
      // Our snapshot covers committed entries, which match the leader's (§5.4.3): skip them.
      int skip = (int) Math.min(entries.size(), log.snapshotIndex() - prev);
      entries = entries.subList(skip, entries.size());
      prev = log.snapshotIndex();
    } else if (prev > log.lastIndex()) {
      // Reply false if log doesn't contain an entry at prevLogIndex (§5.3)
      reply(req, false, 0, log.lastIndex() + 1, 0);
      return;
    } else if (log.termAt(prev) != req.prevLogTerm()) {
      // ... whose term matches prevLogTerm (§5.3); report the whole conflicting term (fast
      // back-off)
      long conflictTerm = log.termAt(prev);
      reply(req, false, 0, log.firstIndexOfTermEndingAt(prev), conflictTerm);
      return;
    }
    appendNew(entries);
    long match = Math.max(claimed, prev + entries.size());
    // If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last new entry)
    if (req.leaderCommit() > s.commitIndex) {
      node.applier.commitTo(Math.min(req.leaderCommit(), match));
    }
    // Acknowledge only what is durable (Figure 2: persist before responding)
    node.durability.replyWhenDurable(
        match,
        req.from(),
        new AppendEntriesResponse(s.currentTerm, node.id, true, match, 0, 0, req.round()));
  }

  /** Accepts the sender as leader of {@code term} (§5.2: a candidate steps down to follower). */
  boolean recognizeLeader(long term, String leaderId) {
    RaftState s = node.state;
    if (s.isLeader() && term == s.currentTerm) {
      node.log(Level.ERROR, "second leader " + leaderId + " in term " + term + ": ignoring it");
      return false;
    }
    if (term > s.currentTerm || s.role != RaftState.Role.FOLLOWER || !leaderId.equals(s.leaderId)) {
      node.stepDown(term, leaderId, "message from leader " + leaderId + " of term " + term);
    }
    s.lastLeaderContact = node.now();
    node.resetElectionTimer();
    return true;
  }

  private void appendNew(List<LogEntry> entries) {
    RaftLog log = node.log;
    for (int i = 0; i < entries.size(); i++) {
      LogEntry e = entries.get(i);
      if (e.index() <= log.lastIndex()) {
        if (log.termAt(e.index()) == e.term()) {
          continue; // already have it
        }
        // If an existing entry conflicts with a new one, delete it and all that follow (§5.3)
        if (e.index() <= node.state.commitIndex) {
          throw new IllegalStateException(
              "leader asked to overwrite committed entry " + e.index() + " (safety violation)");
        }
        node.truncateLog(e.index());
      }
      // Append any new entries not already in the log (§5.3)
      node.log.append(entries.subList(i, entries.size()));
      node.durability.requestSync();
      return;
    }
  }

  private void reply(
      AppendEntriesRequest req,
      boolean success,
      long match,
      long conflictIndex,
      long conflictTerm) {
    node.send(
        req.from(),
        new AppendEntriesResponse(
            node.state.currentTerm,
            node.id,
            success,
            match,
            conflictIndex,
            conflictTerm,
            req.round()));
  }
}
