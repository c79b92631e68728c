package io.distsync.cluster;

import java.net.URI;

/**
 * A member of the cluster as configured.
 *
 * @param id the member's node id
 * @param url the base URL this node uses to reach it
 */
public record Peer(String id, URI url) {}
