package io.distsync.cluster.raft.model;

import java.util.List;

/**
 * The membership after a change.
 *
 * @param members every member, voters and learners
 */
public record MembersReply(List<MemberView> members) {}
