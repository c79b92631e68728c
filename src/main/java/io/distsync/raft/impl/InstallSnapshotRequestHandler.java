package io.distsync.raft.impl;

import io.distsync.raft.Membership;
import io.distsync.raft.Snapshot;
import io.distsync.raft.message.InstallSnapshotRequest;
import io.distsync.raft.message.InstallSnapshotResponse;

/** InstallSnapshot receiver (§7), chunk by chunk; the whole snapshot is installed at once. */
final class InstallSnapshotRequestHandler {
  private final RaftNodeImpl node;
  private final AppendEntriesRequestHandler leaderRule;

  InstallSnapshotRequestHandler(RaftNodeImpl node) {
    this.node = node;
    this.leaderRule = new AppendEntriesRequestHandler(node);
  }

  void handle(InstallSnapshotRequest req) {
    RaftState s = node.state;
    // Reply immediately if term < currentTerm (§7)
    if (req.term() < s.currentTerm) {
      reply(req, 0, false, false);
      return;
    }
    if (!leaderRule.recognizeLeader(req.term(), req.from())) {
      return;
    }
    long end = req.offset() + req.data().length;
    if (req.lastIncludedIndex() <= node.log.snapshotIndex()
        || req.lastIncludedIndex() <= s.lastApplied) {
      reply(req, end, true, true); // we already have everything it covers: stop sending
      return;
    }
    RaftState.IncomingSnapshot in = s.incomingSnapshot;
    // Create a new snapshot if first chunk (offset is 0) (§7)
    if (req.offset() == 0) {
      in = new RaftState.IncomingSnapshot(req.lastIncludedIndex(), req.lastIncludedTerm());
      s.incomingSnapshot = in;
    } else if (in == null
        || in.lastIncludedIndex != req.lastIncludedIndex()
        || in.data.size() != req.offset()) {
      boolean same = in != null && in.lastIncludedIndex == req.lastIncludedIndex();
      reply(req, same ? in.data.size() : 0, false, false);
      return;
    }
    // Write data into the snapshot at the given offset (§7)
    in.data.writeBytes(req.data());
    if (!req.done()) {
      reply(req, in.data.size(), true, false);
      return;
    }
    // Save the snapshot, discard the log it covers (or all of it) and reset the state machine (§7)
    s.incomingSnapshot = null;
    node.applier.install(
        new Snapshot(
            req.lastIncludedIndex(),
            req.lastIncludedTerm(),
            Membership.decode(req.membership()),
            in.data.toByteArray()));
    reply(req, end, true, true);
  }

  private void reply(InstallSnapshotRequest req, long nextOffset, boolean success, boolean done) {
    node.send(
        req.from(),
        new InstallSnapshotResponse(
            node.state.currentTerm,
            node.id,
            req.lastIncludedIndex(),
            nextOffset,
            success,
            done,
            req.round()));
  }
}
