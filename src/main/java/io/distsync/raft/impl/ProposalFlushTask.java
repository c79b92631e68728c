package io.distsync.raft.impl;

/** One-shot task: appends every queued proposal as one batch (group commit). */
final class ProposalFlushTask implements Runnable {
  private final RaftNodeImpl node;

  ProposalFlushTask(RaftNodeImpl node) {
    this.node = node;
  }

  @Override
  public void run() {
    node.proposals.flush();
  }
}
