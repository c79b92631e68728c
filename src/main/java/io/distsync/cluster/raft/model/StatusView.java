package io.distsync.cluster.raft.model;

import java.util.List;

/**
 * Answer of {@code GET /raft/status}.
 *
 * @param nodeId this node
 * @param role its role
 * @param term its current term
 * @param leaderId the leader it knows of, or null
 * @param commitIndex highest index known committed
 * @param lastApplied highest index applied to the state machine
 * @param lastLogIndex last index in its log
 * @param snapshotIndex last index covered by its latest snapshot
 * @param members the membership in force
 */
public record StatusView(
    String nodeId,
    String role,
    long term,
    String leaderId,
    long commitIndex,
    long lastApplied,
    long lastLogIndex,
    long snapshotIndex,
    List<MemberView> members) {}
