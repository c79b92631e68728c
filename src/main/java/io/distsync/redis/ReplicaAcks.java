package io.distsync.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs an acknowledged write (a Lua script) so that, when the client it goes through asks for
 * replica acks ({@code REDIS_MIN_REPLICAS_ACK} &gt; 0), that many replicas confirmed it before the
 * caller answers: the EVALSHA and a {@code WAIT numreplicas timeout} go in one pipeline, hence on
 * one connection (WAIT covers only the writes of its own connection). Fewer acks within the timeout
 * throw {@link ReplicasBehind}: the write is not acknowledged. With no acks asked the script runs
 * as a plain call, without WAIT or an extra round trip.
 *
 * <p>The policy is registered per client (only the shared client of the main Redis; queue shards of
 * {@code REDIS_URLS} have no replicas): one entry per client built, so the map is bounded.
 */
public final class ReplicaAcks {
  /** How many replicas must confirm a write, within how many ms. */
  public record Policy(int replicas, long timeoutMs) {}

  private static final Map<UnifiedJedis, Policy> POLICIES = new ConcurrentHashMap<>();

  private ReplicaAcks() {}

  /** Writes through {@code client} need {@code replicas} acks (nothing when 0). */
  public static void require(UnifiedJedis client, int replicas, long timeoutMs) {
    if (replicas > 0) {
      POLICIES.put(client, new Policy(replicas, timeoutMs));
    }
  }

  /** Forgets the client's policy (at close). */
  public static void forget(UnifiedJedis client) {
    POLICIES.remove(client);
  }

  /** The client's policy, or null when its writes need no replica ack. */
  public static Policy of(UnifiedJedis client) {
    return POLICIES.get(client);
  }

  /**
   * Runs the script {@code sha} (its text {@code source}, sent with EVAL when Redis answers
   * NOSCRIPT) and, when the client asks for replica acks, waits for them on the same connection.
   */
  public static Object eval(
      UnifiedJedis redis, String sha, String source, List<String> keys, List<String> args) {
    Policy policy = of(redis);
    if (policy == null) {
      try {
        return redis.evalsha(sha, keys, args);
      } catch (JedisDataException e) {
        if (!noScript(e)) {
          throw e;
        }
        return redis.eval(source, keys, args);
      }
    }
    AbstractPipeline any = redis.pipelined();
    if (!(any instanceof Pipeline p)) {
      any.close();
      throw new IllegalStateException("replica acks need a single-connection pipeline");
    }
    try (p) {
      Response<Object> result = p.evalsha(sha, keys, args);
      Response<Long> acks = p.waitReplicas(policy.replicas(), policy.timeoutMs());
      p.sync();
      Object out;
      try {
        out = result.get();
      } catch (JedisDataException e) {
        if (!noScript(e)) {
          throw e;
        }
        // The script did not run: run its text, and WAIT again behind it, on the same connection.
        result = p.eval(source, keys, args);
        acks = p.waitReplicas(policy.replicas(), policy.timeoutMs());
        p.sync();
        out = result.get();
      }
      long confirmed = acks.get();
      if (confirmed < policy.replicas()) {
        throw new ReplicasBehind(confirmed, policy.replicas(), policy.timeoutMs());
      }
      return out;
    }
  }

  private static boolean noScript(JedisDataException e) {
    return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
  }
}
