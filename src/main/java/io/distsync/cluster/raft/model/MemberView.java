package io.distsync.cluster.raft.model;

/**
 * A member as {@code GET /raft/status} shows it.
 *
 * @param id member id
 * @param url its URL in the replicated membership
 * @param voter false for a learner
 * @param matchIndex highest index known replicated on it (leader's view; 0 elsewhere)
 * @param nextIndex next index the leader sends it (leader's view; 0 elsewhere)
 * @param lastContactMs ms since the leader last heard from it, -1 when unknown
 */
public record MemberView(
    String id, String url, boolean voter, long matchIndex, long nextIndex, long lastContactMs) {}
