package io.distsync.cluster.model;

/**
 * A node's answer to a peer's ping.
 *
 * @param nodeId the answering node
 * @param time its clock, epoch ms
 */
public record PingReply(String nodeId, long time) {}
