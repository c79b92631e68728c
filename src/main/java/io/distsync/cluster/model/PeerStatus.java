package io.distsync.cluster.model;

/**
 * What this node knows of one peer, from the peer monitor.
 *
 * @param id peer id
 * @param url the URL this node uses for it
 * @param reachable whether the last ping was answered
 * @param lastContactMs ms since the last answered ping, -1 when never
 * @param rttMs round trip of the last answered ping, -1 when never
 * @param lastError why the last ping failed, null when it did not
 */
public record PeerStatus(
    String id, String url, boolean reachable, long lastContactMs, long rttMs, String lastError) {}
