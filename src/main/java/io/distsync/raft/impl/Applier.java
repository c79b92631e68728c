package io.distsync.raft.impl;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.Snapshot;
import java.lang.System.Logger.Level;

/**
 * Commit and apply: advances commitIndex, applies committed entries in log order (§5.3: "if
 * commitIndex > lastApplied, apply log[lastApplied+1]"), takes snapshots past the threshold (§7)
 * and installs the ones received from the leader.
 */
final class Applier {
  private final RaftNodeImpl node;

  Applier(RaftNodeImpl node) {
    this.node = node;
  }

  void commitTo(long index) {
    RaftState s = node.state;
    long target = Math.min(index, node.log.lastIndex());
    if (target <= s.commitIndex) {
      return;
    }
    s.commitIndex = target;
    node.listener.onCommitIndexChanged(node.id, target);
    applyCommitted();
  }

  void applyCommitted() {
    RaftState s = node.state;
    while (s.lastApplied < s.commitIndex && !node.terminated) {
      long index = s.lastApplied + 1;
      LogEntry e = node.log.get(index);
      Object result = null;
      RuntimeException failure = null;
      if (e.type() == EntryType.COMMAND) {
        try {
          result = node.stateMachine.apply(index, e.payload());
        } catch (RuntimeException ex) {
          failure = ex;
          node.log(Level.WARNING, "state machine failed to apply entry " + index + ": " + ex);
        }
      } else if (e.type() == EntryType.CONFIGURATION) {
        result = Membership.decode(e.payload());
      }
      s.lastApplied = index;
      node.proposals.onApplied(index, e.term(), result, failure);
    }
    node.reads.onApplied();
    if (s.isLeader()) {
      if (s.commitIndex >= s.leader.termStartIndex) {
        node.reads.onTermCommitted();
      }
      stepDownIfRemoved();
    }
    maybeSnapshot();
  }

  /** A leader removed from the group leads until the change commits, then steps down (§4.2.2). */
  private void stepDownIfRemoved() {
    RaftState s = node.state;
    if (s.commitIndex >= node.log.membershipIndex() && !node.log.membership().isVoter(node.id)) {
      node.stepDown(s.currentTerm, null, "removed from the voters by a committed configuration");
    }
  }

  /** Compacts the log once it holds {@code snapshotThresholdEntries} applied entries (§7). */
  private void maybeSnapshot() {
    RaftState s = node.state;
    RaftLog log = node.log;
    if (s.lastApplied - log.snapshotIndex() < node.config.snapshotThresholdEntries()) {
      return;
    }
    long index = s.lastApplied;
    Snapshot snap =
        new Snapshot(
            index, log.termAt(index), log.membershipAt(index), node.stateMachine.takeSnapshot());
    log.compact(snap);
    node.log(Level.DEBUG, "took snapshot at " + index);
    node.listener.onSnapshotTaken(node.id, index);
  }

  /** Installs a complete snapshot received from the leader (§7). */
  void install(Snapshot snap) {
    RaftState s = node.state;
    long index = snap.lastIncludedIndex();
    boolean logReset = node.log.termAt(index) != snap.lastIncludedTerm();
    node.log.install(snap);
    node.durability.onSnapshotInstalled(index, logReset);
    if (index > s.lastApplied) {
      node.stateMachine.restore(snap.data());
      s.lastApplied = index;
    }
    if (index > s.commitIndex) {
      s.commitIndex = index;
      node.listener.onCommitIndexChanged(node.id, index);
    }
    node.log(Level.DEBUG, "installed snapshot at " + index + (logReset ? " (log reset)" : ""));
    node.listener.onSnapshotInstalled(node.id, index);
    node.reads.onApplied();
  }
}
