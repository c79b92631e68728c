package io.distsync.raft.impl;

/**
 * Periodic sweep failing proposals and reads older than the proposal timeout, and leadership
 * transfers past their deadline. Self-rescheduling for the node's lifetime.
 */
final class ProposalTimeoutTask implements Runnable {
  private final RaftNodeImpl node;

  ProposalTimeoutTask(RaftNodeImpl node) {
    this.node = node;
  }

  void schedule() {
    node.schedule(
        this, Math.min(node.config.proposalTimeoutMs(), 2 * node.config.heartbeatIntervalMs()));
  }

  @Override
  public void run() {
    long now = node.now();
    node.proposals.expire(now);
    node.reads.expire(now);
    node.transfer.expire(now);
    schedule();
  }
}
