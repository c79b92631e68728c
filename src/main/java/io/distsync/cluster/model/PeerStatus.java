package io.distsync.cluster.model;

/**
 * What this node knows of one peer, from the peer monitor and its failure detector.
 *
 * @param id peer id
 * @param url the URL this node uses for it
 * @param reachable whether the failure detector trusts the peer (φ below {@code
 *     PEER_PHI_THRESHOLD}, or with {@code PEER_DETECTOR=fixed} the last ping was answered)
 * @param phi the detector's suspicion level now, rounded to 0.01 and at most 1000 (φ = 8: a 1 in
 *     10^8 chance that a live peer is this late); with the fixed rule 0 or 1000
 * @param lastContactMs ms since the last answered ping, -1 when never
 * @param rttMs round trip of the last answered ping, -1 when never
 * @param lastError why the last ping failed, null when it did not
 */
public record PeerStatus(
    String id,
    String url,
    boolean reachable,
    double phi,
    long lastContactMs,
    long rttMs,
    String lastError) {}
