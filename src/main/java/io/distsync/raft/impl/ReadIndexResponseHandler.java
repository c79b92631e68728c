package io.distsync.raft.impl;

import io.distsync.raft.message.ReadIndexResponse;

/** Follower side: wait to apply up to the leader's read index (dissertation §6.4). */
final class ReadIndexResponseHandler {
  private final RaftNodeImpl node;

  ReadIndexResponseHandler(RaftNodeImpl node) {
    this.node = node;
  }

  void handle(ReadIndexResponse resp) {
    node.reads.onRemoteResponse(
        resp.requestId(), resp.success(), resp.readIndex(), resp.leaderId());
  }
}
