package io.distsync.raft;

import java.util.List;

/**
 * A consistent snapshot of a node's state, for introspection (HTTP API, tests).
 *
 * @param leaderId the leader this node believes in, or null when unknown
 * @param durableIndex highest log index this node knows to be synced to disk
 * @param members every member of the latest membership, with replication progress when this node
 *     leads (otherwise matchIndex/nextIndex are 0 and lastContactMs is -1)
 */
public record RaftStatus(
    String nodeId,
    RaftRole role,
    long term,
    String leaderId,
    long commitIndex,
    long lastApplied,
    long lastLogIndex,
    long lastLogTerm,
    long snapshotIndex,
    long durableIndex,
    List<MemberStatus> members) {

  public RaftStatus {
    members = List.copyOf(members);
  }

  /**
   * @param lastContactMs milliseconds since the leader last heard from the member, -1 if unknown
   */
  public record MemberStatus(
      String id,
      String address,
      boolean voter,
      long matchIndex,
      long nextIndex,
      long lastContactMs) {}
}
