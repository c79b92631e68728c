package io.distsync.cluster.model;

/**
 * This node's view of Redis.
 *
 * @param url the Redis URL without credentials
 * @param reachable whether a PING was answered within the probe timeout
 * @param latencyMs the PING round trip, -1 when unreachable
 * @param error why it is unreachable, null when reachable
 */
public record RedisStatus(String url, boolean reachable, long latencyMs, String error) {}
