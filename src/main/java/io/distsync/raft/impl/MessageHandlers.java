package io.distsync.raft.impl;

import io.distsync.raft.message.AppendEntriesRequest;
import io.distsync.raft.message.AppendEntriesResponse;
import io.distsync.raft.message.InstallSnapshotRequest;
import io.distsync.raft.message.InstallSnapshotResponse;
import io.distsync.raft.message.PreVoteRequest;
import io.distsync.raft.message.PreVoteResponse;
import io.distsync.raft.message.RaftMessage;
import io.distsync.raft.message.ReadIndexRequest;
import io.distsync.raft.message.ReadIndexResponse;
import io.distsync.raft.message.TimeoutNow;
import io.distsync.raft.message.VoteRequest;
import io.distsync.raft.message.VoteResponse;

/** Routes each message type to its handler. */
final class MessageHandlers {
  private final PreVoteRequestHandler preVoteRequest;
  private final PreVoteResponseHandler preVoteResponse;
  private final VoteRequestHandler voteRequest;
  private final VoteResponseHandler voteResponse;
  private final AppendEntriesRequestHandler appendRequest;
  private final AppendEntriesResponseHandler appendResponse;
  private final InstallSnapshotRequestHandler snapshotRequest;
  private final InstallSnapshotResponseHandler snapshotResponse;
  private final TimeoutNowHandler timeoutNow;
  private final ReadIndexRequestHandler readIndexRequest;
  private final ReadIndexResponseHandler readIndexResponse;

  MessageHandlers(RaftNodeImpl node) {
    preVoteRequest = new PreVoteRequestHandler(node);
    preVoteResponse = new PreVoteResponseHandler(node);
    voteRequest = new VoteRequestHandler(node);
    voteResponse = new VoteResponseHandler(node);
    appendRequest = new AppendEntriesRequestHandler(node);
    appendResponse = new AppendEntriesResponseHandler(node);
    snapshotRequest = new InstallSnapshotRequestHandler(node);
    snapshotResponse = new InstallSnapshotResponseHandler(node);
    timeoutNow = new TimeoutNowHandler(node);
    readIndexRequest = new ReadIndexRequestHandler(node);
    readIndexResponse = new ReadIndexResponseHandler(node);
  }

  void dispatch(RaftMessage m) {
    if (m instanceof AppendEntriesRequest r) {
      appendRequest.handle(r);
    } else if (m instanceof AppendEntriesResponse r) {
      appendResponse.handle(r);
    } else if (m instanceof PreVoteRequest r) {
      preVoteRequest.handle(r);
    } else if (m instanceof PreVoteResponse r) {
      preVoteResponse.handle(r);
    } else if (m instanceof VoteRequest r) {
      voteRequest.handle(r);
    } else if (m instanceof VoteResponse r) {
      voteResponse.handle(r);
    } else if (m instanceof InstallSnapshotRequest r) {
      snapshotRequest.handle(r);
    } else if (m instanceof InstallSnapshotResponse r) {
      snapshotResponse.handle(r);
    } else if (m instanceof TimeoutNow r) {
      timeoutNow.handle(r);
    } else if (m instanceof ReadIndexRequest r) {
      readIndexRequest.handle(r);
    } else if (m instanceof ReadIndexResponse r) {
      readIndexResponse.handle(r);
    }
  }
}
