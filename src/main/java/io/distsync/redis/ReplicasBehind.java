package io.distsync.redis;

/**
 * 503 {@code REDIS_UNAVAILABLE} with {@code Retry-After}: the primary applied a write but fewer
 * replicas than {@code REDIS_MIN_REPLICAS_ACK} confirmed it within {@code REDIS_WAIT_TIMEOUT}, so
 * the write is not acknowledged (a failover could lose it). It may still be kept: a retry must be
 * safe, as every retried write of the contract is (dedup ids, acks of gone receipts, last write
 * wins).
 */
public final class ReplicasBehind extends RedisUnavailable {
  private static final long serialVersionUID = 1L;

  public ReplicasBehind(long confirmed, int asked, long timeoutMs) {
    super(
        "Redis replicas did not confirm the write ("
            + confirmed
            + " of "
            + asked
            + " within "
            + timeoutMs
            + " ms); it is not acknowledged, try again shortly.");
  }
}
