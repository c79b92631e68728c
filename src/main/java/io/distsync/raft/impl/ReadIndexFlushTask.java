package io.distsync.raft.impl;

/** One-shot task: gives the reads queued so far one shared heartbeat round. */
final class ReadIndexFlushTask implements Runnable {
  private final RaftNodeImpl node;

  ReadIndexFlushTask(RaftNodeImpl node) {
    this.node = node;
  }

  @Override
  public void run() {
    node.reads.flush();
  }
}
