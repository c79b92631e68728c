package io.distsync.raft.impl;

/** Leader heartbeat (§5.2), every heartbeat interval while this node leads in {@code term}. */
final class HeartbeatTask implements Runnable {
  private final RaftNodeImpl node;
  private final long term;

  HeartbeatTask(RaftNodeImpl node, long term) {
    this.node = node;
    this.term = term;
  }

  void schedule() {
    node.schedule(this, node.config.heartbeatIntervalMs());
  }

  @Override
  public void run() {
    RaftState s = node.state;
    if (!s.isLeader() || s.currentTerm != term) {
      return; // leadership of that term is over: stop
    }
    node.replicator.onHeartbeatTick();
    node.transfer.maybeSendTimeoutNow();
    schedule();
  }
}
