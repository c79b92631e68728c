package io.distsync.queue;

import io.distsync.redis.ReplicaAcks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One Lua script of the queue, run with EVALSHA; when Redis does not know it (first use, or a Redis
 * restart emptied its script cache) with EVAL, which also caches it. Rule: every move between a
 * partition's structures is one script, so it is atomic.
 */
final class LuaScript {
  private final String name;
  private final String source;
  private final String sha;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  /** Loads {@code /io/distsync/queue/<name>.lua} from the class path. */
  static LuaScript load(String name) {
    return new LuaScript(name, text(name));
  }

  /**
   * Loads {@code <name>.lua} with the shared functions of {@code <prelude>.lua} in front of it: one
   * script, so still one atomic call.
   */
  static LuaScript load(String name, String prelude) {
    return new LuaScript(name, text(prelude) + "\n" + text(name));
  }

  private static String text(String name) {
    String path = "/io/distsync/queue/" + name + ".lua";
    try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
        throw e;
      }
      return redis.eval(source, keys, args);
    }
  }

  /**
   * Runs an acknowledged write: when the client asks for replica acks ({@code
   * REDIS_MIN_REPLICAS_ACK}), they are awaited on the script's own connection (see {@link
   * ReplicaAcks}); else the same as {@link #run}.
   */
  Object runAcked(UnifiedJedis redis, List<String> keys, List<String> args) {
    return ReplicaAcks.eval(redis, sha, source, keys, args);
  }

  String name() {
    return name;
  }

  private static String sha1(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
