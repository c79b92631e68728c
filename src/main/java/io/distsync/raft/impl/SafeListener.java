package io.distsync.raft.impl;

import io.distsync.raft.RaftListener;
import io.distsync.raft.RaftRole;

/**
 * Shields the engine from a listener that throws: a failing metrics hook must not abort a state
 * transition half-way. Failures are logged and swallowed.
 */
final class SafeListener implements RaftListener {
  private static final System.Logger LOG = System.getLogger("io.distsync.raft");
  private final RaftListener delegate;

  SafeListener(RaftListener delegate) {
    this.delegate = delegate;
  }

  private void run(String hook, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "RaftListener." + hook + " threw; ignored", e);
    }
  }

  @Override
  public void onRoleChanged(String nodeId, RaftRole role, long term) {
    run("onRoleChanged", () -> delegate.onRoleChanged(nodeId, role, term));
  }

  @Override
  public void onLeaderChanged(String nodeId, String leaderId, long term) {
    run("onLeaderChanged", () -> delegate.onLeaderChanged(nodeId, leaderId, term));
  }

  @Override
  public void onTermChanged(String nodeId, long term) {
    run("onTermChanged", () -> delegate.onTermChanged(nodeId, term));
  }

  @Override
  public void onElectionStarted(String nodeId, long term, boolean preVote) {
    run("onElectionStarted", () -> delegate.onElectionStarted(nodeId, term, preVote));
  }

  @Override
  public void onCommitIndexChanged(String nodeId, long commitIndex) {
    run("onCommitIndexChanged", () -> delegate.onCommitIndexChanged(nodeId, commitIndex));
  }

  @Override
  public void onAppendEntriesRoundTrip(String nodeId, String followerId, long millis) {
    run(
        "onAppendEntriesRoundTrip",
        () -> delegate.onAppendEntriesRoundTrip(nodeId, followerId, millis));
  }

  @Override
  public void onProposalLatency(String nodeId, long millis) {
    run("onProposalLatency", () -> delegate.onProposalLatency(nodeId, millis));
  }

  @Override
  public void onFsync(String nodeId, long millis, long durableIndex) {
    run("onFsync", () -> delegate.onFsync(nodeId, millis, durableIndex));
  }

  @Override
  public void onEntriesPerBatch(String nodeId, int entries) {
    run("onEntriesPerBatch", () -> delegate.onEntriesPerBatch(nodeId, entries));
  }

  @Override
  public void onSnapshotTaken(String nodeId, long lastIncludedIndex) {
    run("onSnapshotTaken", () -> delegate.onSnapshotTaken(nodeId, lastIncludedIndex));
  }

  @Override
  public void onSnapshotInstalled(String nodeId, long lastIncludedIndex) {
    run("onSnapshotInstalled", () -> delegate.onSnapshotInstalled(nodeId, lastIncludedIndex));
  }
}
