package io.distsync.raft.impl;

import io.distsync.raft.RaftExecutor;

/**
 * Fires at the election deadline (§5.2); self-rescheduling. The deadline moves whenever the timer
 * is reset; the task re-arms for the new deadline instead of being cancelled on every heartbeat.
 */
final class ElectionTimeoutTask implements Runnable {
  private final RaftNodeImpl node;
  private RaftExecutor.Cancellable handle;
  private long scheduledFor = Long.MAX_VALUE;

  ElectionTimeoutTask(RaftNodeImpl node) {
    this.node = node;
  }

  void ensureFiresBy(long deadline) {
    if (handle != null && scheduledFor <= deadline) {
      return;
    }
    cancel();
    scheduledFor = deadline;
    handle = node.executor.schedule(node.guarded(this), Math.max(0, deadline - node.now()));
  }

  void cancel() {
    if (handle != null) {
      handle.cancel();
      handle = null;
      scheduledFor = Long.MAX_VALUE;
    }
  }

  @Override
  public void run() {
    handle = null;
    scheduledFor = Long.MAX_VALUE;
    RaftState s = node.state;
    if (s.isLeader()) {
      s.electionDeadline = node.now() + node.config.electionTimeoutMaxMs();
    } else if (node.now() >= s.electionDeadline) {
      node.elections.onElectionTimeout(); // resets the deadline
    }
    ensureFiresBy(s.electionDeadline);
  }
}
