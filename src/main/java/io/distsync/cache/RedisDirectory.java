package io.distsync.cache;

import io.distsync.cache.mesi.Directory;
import io.distsync.cache.mesi.MesiState;
import io.distsync.redis.ReplicaAcks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The {@link Directory} in Redis: every step is one Lua script of {@link DirectoryScripts}, sent by
 * its SHA (loaded again after a Redis restart). All keys live in the one Redis of {@code
 * REDIS_URL}; each cache key's three Redis keys share a hash tag, but the scripts also read the
 * nodes' lease keys, so the directory needs a single Redis, not a Redis Cluster.
 */
public final class RedisDirectory implements Directory {
  private static final String SEQ = "dsc:seq";

  private final UnifiedJedis redis;
  private final Map<String, String> shas = new ConcurrentHashMap<>();

  public RedisDirectory(UnifiedJedis redis) {
    this.redis = redis;
  }

  private static String hash(String key) {
    return "dsc:{" + key + "}";
  }

  private static String sharers(String key) {
    return "dsc:{" + key + "}:s";
  }

  private static String lock(String key) {
    return "dsc:{" + key + "}:lock";
  }

  private static String line(String key) {
    return "dsc:{" + key + "}:q";
  }

  private Object run(String script, List<String> keys, String... args) {
    List<String> argv = List.of(args);
    String sha = shas.get(script);
    if (sha != null) {
      try {
        return redis.evalsha(sha, keys, argv);
      } catch (JedisNoScriptException e) {
        // Redis restarted and lost its script cache: load it again below.
      }
    }
    sha = redis.scriptLoad(script);
    shas.put(script, sha);
    return redis.evalsha(sha, keys, argv);
  }

  /**
   * A step that makes a cache write acknowledged (write-through put or delete, a flush): with
   * {@code REDIS_MIN_REPLICAS_ACK} it waits for replica acks on its own connection (see {@link
   * ReplicaAcks}). Locks, reads and lease steps do not: losing one in a failover only costs a retry
   * or a refill.
   */
  private Object runAcked(String script, List<String> keys, String... args) {
    if (ReplicaAcks.of(redis) == null) {
      return run(script, keys, args);
    }
    String sha = shas.computeIfAbsent(script, RedisDirectory::sha1);
    return ReplicaAcks.eval(redis, sha, script, keys, List.of(args));
  }

  private static String sha1(String text) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-1");
      return java.util.HexFormat.of()
          .formatHex(d.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long num(Object o) {
    if (o instanceof Long l) {
      return l;
    }
    return Long.parseLong(String.valueOf(o));
  }

  @Override
  public DirView acquire(String key, String token, long lockMs, long now) {
    List<?> r =
        (List<?>)
            run(
                DirectoryScripts.ACQUIRE,
                List.of(hash(key), sharers(key), lock(key), line(key)),
                token,
                Long.toString(lockMs),
                Long.toString(now));
    if (num(r.get(0)) == 0) {
      return DirView.BUSY;
    }
    String owner = (String) r.get(1);
    List<String> holders = new ArrayList<>();
    for (int i = 3; i < r.size(); i++) {
      holders.add((String) r.get(i));
    }
    return new DirView(true, owner.isEmpty() ? null : owner, holders, num(r.get(2)) == 1);
  }

  @Override
  public Fill commitRead(
      String key, String token, String self, String handledOwner, boolean ownerKeeps, long now) {
    List<?> r =
        (List<?>)
            run(
                DirectoryScripts.COMMIT_READ,
                List.of(hash(key), sharers(key), lock(key)),
                token,
                self,
                handledOwner == null ? "" : handledOwner,
                ownerKeeps ? "1" : "0",
                Long.toString(now));
    long status = num(r.get(0));
    if (status < 0) {
      return Fill.LOST_LOCK;
    }
    if (status == 0) {
      return Fill.MISSING;
    }
    return new Fill(
        Fill.OK,
        (String) r.get(1),
        num(r.get(2)),
        num(r.get(3)),
        "E".equals(r.get(4)) ? MesiState.EXCLUSIVE : MesiState.SHARED);
  }

  @Override
  public long commitWrite(
      String key,
      String token,
      String self,
      String value,
      long expiresAt,
      boolean store,
      int count) {
    return num(
        runAcked(
            DirectoryScripts.COMMIT_WRITE,
            List.of(hash(key), sharers(key), lock(key), SEQ),
            token,
            self,
            value,
            Long.toString(expiresAt),
            store ? "1" : "0",
            Integer.toString(count)));
  }

  @Override
  public long commitDelete(String key, String token) {
    return num(
        runAcked(
            DirectoryScripts.COMMIT_DELETE,
            List.of(hash(key), sharers(key), lock(key), SEQ),
            token));
  }

  @Override
  public boolean commitInvalidate(String key, String token) {
    return num(
            run(
                DirectoryScripts.COMMIT_INVALIDATE,
                List.of(hash(key), sharers(key), lock(key)),
                token))
        == 1;
  }

  @Override
  public String release(String key, String token, long lockMs) {
    Object next =
        run(DirectoryScripts.RELEASE, List.of(lock(key), line(key)), token, Long.toString(lockMs));
    return next instanceof String s ? s : null;
  }

  @Override
  public boolean extend(String key, String token, long lockMs) {
    return num(run(DirectoryScripts.EXTEND, List.of(lock(key)), token, Long.toString(lockMs))) == 1;
  }

  @Override
  public long ownerWrite(
      String key, String self, String token, String value, long expiresAt, int count) {
    return num(
        runAcked(
            DirectoryScripts.OWNER_WRITE,
            List.of(hash(key), sharers(key), SEQ),
            self,
            token,
            value,
            Long.toString(expiresAt),
            Integer.toString(count)));
  }

  @Override
  public boolean flush(
      String key,
      String self,
      String token,
      String value,
      long version,
      long expiresAt,
      boolean forget) {
    return num(
            runAcked(
                DirectoryScripts.FLUSH,
                List.of(hash(key), sharers(key), SEQ),
                self,
                token,
                value,
                Long.toString(version),
                Long.toString(expiresAt),
                forget ? "1" : "0"))
        == 1;
  }

  @Override
  public void forget(String key, String self, String token) {
    run(DirectoryScripts.FORGET, List.of(hash(key), sharers(key)), self, token);
  }

  @Override
  public Fill peek(String key, long now) {
    List<String> f = redis.hmget(hash(key), "v", "ver", "exp");
    if (f.get(0) == null) {
      return Fill.MISSING;
    }
    long exp = f.get(2) == null ? 0 : Long.parseLong(f.get(2));
    if (exp != 0 && exp <= now) {
      return Fill.MISSING;
    }
    return new Fill(Fill.OK, f.get(0), Long.parseLong(f.get(1)), exp, MesiState.INVALID);
  }

  @Override
  public long beginEpoch(String nodeId, long ttlMs) {
    return num(
        run(
            DirectoryScripts.BEGIN_EPOCH,
            List.of("dsc:epoch:" + nodeId, "dsc:lease:" + nodeId, "dsc:revoked:" + nodeId),
            Long.toString(ttlMs)));
  }

  @Override
  public int renew(String nodeId, long epoch, long ttlMs) {
    return (int)
        num(
            run(
                DirectoryScripts.RENEW,
                List.of("dsc:lease:" + nodeId, "dsc:revoked:" + nodeId),
                Long.toString(epoch),
                Long.toString(ttlMs)));
  }

  @Override
  public long revoke(String nodeId, long epoch) {
    return num(
        run(
            DirectoryScripts.REVOKE,
            List.of("dsc:lease:" + nodeId, "dsc:revoked:" + nodeId),
            Long.toString(epoch)));
  }

  @Override
  public void endEpoch(String nodeId, long epoch) {
    run(DirectoryScripts.END_EPOCH, List.of("dsc:lease:" + nodeId), Long.toString(epoch));
  }
}
