package io.distsync.cluster.model;

import java.util.List;

/**
 * This node's view of Redis.
 *
 * @param url the Redis URL without credentials (with sentinels only its database counts)
 * @param reachable whether a PING was answered within the probe timeout
 * @param latencyMs the PING round trip, -1 when unreachable
 * @param error why it is unreachable, null when reachable
 * @param primary the Redis primary this node uses, {@code host:port} (null while none is known)
 * @param sentinels the sentinels' view, null for a single Redis
 */
public record RedisStatus(
    String url,
    boolean reachable,
    long latencyMs,
    String error,
    String primary,
    SentinelView sentinels) {

  /**
   * What the sentinels say.
   *
   * @param master the master name asked for
   * @param minReplicasAck replica acks each acknowledged write waits for
   * @param answers each sentinel's last answer
   */
  public record SentinelView(String master, int minReplicasAck, List<SentinelAnswer> answers) {}

  /**
   * One sentinel's last answer.
   *
   * @param sentinel its {@code host:port}
   * @param primary the primary it names, null when it gave none
   * @param error why it gave none, null when it did
   */
  public record SentinelAnswer(String sentinel, String primary, String error) {}
}
