package io.distsync.cluster.raft.model;

/**
 * Body of {@code POST /raft/members}.
 *
 * @param id the new member's node id
 * @param url how the other members reach it
 */
public record MemberRequest(String id, String url) {}
