package io.distsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Redis primary, its replicas and three Sentinels (quorum 2, down after 1 s), real processes of
 * the same redis-server binary with AOF on, on free ports, for failover tests. {@link #start} waits
 * until every sentinel names the primary and knows the replicas and the other sentinels, and the
 * replicas are in sync, so a kill of the primary is failed over.
 */
public final class RedisSentinels implements AutoCloseable {
  /** The master name the sentinels monitor (the server's default REDIS_SENTINEL_MASTER). */
  public static final String MASTER = "distsync";

  private static final int SENTINELS = 3;
  private static final Duration READY = Duration.ofSeconds(60);

  private final Path dir;
  private final Map<Integer, RedisServer> servers = new LinkedHashMap<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();
  private final List<Process> sentinels = new ArrayList<>();
  private final List<Integer> killed = new ArrayList<>();
  private final int firstPrimary;

  private RedisSentinels(Path dir, int firstPrimary) {
    this.dir = dir;
    this.firstPrimary = firstPrimary;
  }

  /** Starts a primary, {@code replicas} replicas and three sentinels, and waits until all agree. */
  public static RedisSentinels start(Path dir, int replicas) {
    int primary = Ports.free();
    RedisSentinels group = new RedisSentinels(dir, primary);
    try {
      group.servers.put(primary, new RedisServer(primary, dir.resolve("redis-" + primary)).start());
      for (int i = 0; i < replicas; i++) {
        int port = Ports.free();
        RedisServer r =
            new RedisServer(port, dir.resolve("redis-" + port))
                .withArgs("--replicaof", "127.0.0.1", String.valueOf(primary));
        group.servers.put(port, r.start());
      }
      for (int i = 0; i < SENTINELS; i++) {
        group.startSentinel(Ports.free(), primary);
      }
      group.awaitSettled(primary, replicas);
      return group;
    } catch (RuntimeException | Error e) {
      group.close();
      throw e;
    }
  }

  private void startSentinel(int port, int primary) {
    Path home = dir.resolve("sentinel-" + port);
    try {
      Files.createDirectories(home);
      Path conf = home.resolve("sentinel.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "port " + port,
              "bind 127.0.0.1",
              "dir " + home.toAbsolutePath(),
              "sentinel monitor " + MASTER + " 127.0.0.1 " + primary + " 2",
              "sentinel down-after-milliseconds " + MASTER + " 1000",
              "sentinel failover-timeout " + MASTER + " 3000",
              "sentinel parallel-syncs " + MASTER + " 1",
              ""));
      Process p =
          new ProcessBuilder(RedisServer.binary(), conf.toAbsolutePath().toString(), "--sentinel")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("log").toFile()))
              .start();
      sentinels.add(p);
      sentinelPorts.add(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitSettled(int primary, int replicas) {
    Eventually.eventually(
        READY,
        "sentinels name " + primary + " and know " + replicas + " replicas and each other",
        () -> {
          for (int s : sentinelPorts) {
            Map<String, String> m = master(s);
            if (m == null
                || !String.valueOf(primary).equals(m.get("port"))
                || !String.valueOf(replicas).equals(m.get("num-slaves"))
                || !String.valueOf(SENTINELS - 1).equals(m.get("num-other-sentinels"))) {
              return false;
            }
          }
          return replicasInSync(primary, replicas);
        });
  }

  private static boolean replicasInSync(int primary, int replicas) {
    try (Jedis j = jedis(primary)) {
      String info = j.info("replication");
      return info.lines().filter(l -> l.startsWith("slave") && l.contains("state=online")).count()
          >= replicas;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Jedis jedis(int port) {
    return new Jedis(
        new HostAndPort("127.0.0.1", port),
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(1000)
            .socketTimeoutMillis(1000)
            .protocol(redis.clients.jedis.RedisProtocol.RESP2)
            .build());
  }

  private static Map<String, String> master(int sentinel) {
    try (Jedis j = jedis(sentinel)) {
      return j.sentinelMaster(MASTER);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Integer named(int sentinel) {
    try (Jedis j = jedis(sentinel)) {
      List<String> addr = j.sentinelGetMasterAddrByName(MASTER);
      return addr == null || addr.size() < 2 ? null : Integer.parseInt(addr.get(1));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The {@code REDIS_SENTINELS} value: every sentinel's {@code host:port}. */
  public String sentinelsEnv() {
    return String.join(",", sentinelPorts.stream().map(p -> "127.0.0.1:" + p).toList());
  }

  /** The primary's port, as the first sentinel that answers names it. */
  public int primaryPort() {
    for (int s : sentinelPorts) {
      Integer p = named(s);
      if (p != null) {
        return p;
      }
    }
    throw new IllegalStateException("no sentinel names a primary");
  }

  /** kill -9 of the current primary's process; returns its port. */
  public int killPrimary() {
    int port = primaryPort();
    RedisServer s = servers.get(port);
    if (s == null) {
      throw new IllegalStateException("the sentinels name an unknown primary " + port);
    }
    s.kill();
    killed.add(port);
    return port;
  }

  /** Starts the killed servers again on their data folders, as replicas of the current primary. */
  public void restartKilled() {
    int primary = primaryPort();
    for (int port : killed) {
      servers.get(port).withArgs("--replicaof", "127.0.0.1", String.valueOf(primary)).start();
    }
    killed.clear();
  }

  /** Waits until a majority of the sentinels name a primary other than {@code port}. */
  public void awaitPrimaryOtherThan(int port, Duration within) {
    Eventually.eventually(
        within,
        "sentinels name a primary other than " + port,
        () -> {
          int others = 0;
          for (int s : sentinelPorts) {
            Integer p = named(s);
            if (p != null && p != port) {
              others++;
            }
          }
          return others > SENTINELS / 2;
        });
  }

  /** The server first started as primary (its URL gives nodes their database). */
  RedisServer firstPrimary() {
    return servers.get(firstPrimary);
  }

  @Override
  public void close() {
    for (Process p : sentinels) {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    servers.values().forEach(RedisServer::stop);
  }
}
