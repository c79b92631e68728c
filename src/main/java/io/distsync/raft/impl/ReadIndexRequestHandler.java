package io.distsync.raft.impl;

import io.distsync.raft.RaftException;
import io.distsync.raft.message.ReadIndexRequest;
import io.distsync.raft.message.ReadIndexResponse;

/** Leader side of a follower's ReadIndex (dissertation §6.4). */
final class ReadIndexRequestHandler {
  private final RaftNodeImpl node;

  ReadIndexRequestHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(ReadIndexRequest req) {
    RaftState s = node.state;
    if (!s.isLeader()) {
      node.send(
          req.from(),
          new ReadIndexResponse(s.currentTerm, node.id, req.requestId(), false, 0, s.leaderId));
      return;
    }
    node.reads.leaderRead(
        new ReadIndexTracker.Callback() {
          @Override
          public void confirmed(long readIndex) {
            node.send(
                req.from(),
                new ReadIndexResponse(
                    node.state.currentTerm, node.id, req.requestId(), true, readIndex, node.id));
          }

          @Override
          public void failed(RaftException e) {
            node.send(
                req.from(),
                new ReadIndexResponse(
                    node.state.currentTerm,
                    node.id,
                    req.requestId(),
                    false,
                    0,
                    node.state.leaderId));
          }
        });
  }
}
