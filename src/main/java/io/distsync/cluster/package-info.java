/**
 * The cluster a node belongs to: its identity and peers from configuration ({@link
 * io.distsync.cluster.ClusterConfig}), the node-to-node REST clients ({@link
 * io.distsync.cluster.PeerClients}) guarded by the cluster secret, the peer monitor, and {@code GET
 * /status}.
 */
package io.distsync.cluster;
