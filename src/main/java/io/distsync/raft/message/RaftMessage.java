package io.distsync.raft.message;

/** A message between Raft members. Records with simple field types, so JSON-B can map them. */
public sealed interface RaftMessage
    permits PreVoteRequest,
        PreVoteResponse,
        VoteRequest,
        VoteResponse,
        AppendEntriesRequest,
        AppendEntriesResponse,
        InstallSnapshotRequest,
        InstallSnapshotResponse,
        TimeoutNow,
        ReadIndexRequest,
        ReadIndexResponse {

  /** The sender's term (for a pre-vote request: the term it would campaign in). */
  long term();

  /** The sender's member id. */
  String from();
}
