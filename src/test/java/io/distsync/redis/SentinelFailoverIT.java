package io.distsync.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.testing.Eventually;
import io.distsync.testing.RedisSentinels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * The sentinel resolver's query, the primary switch and replica acks (WAIT) against a real primary,
 * one replica and three sentinels, through a kill -9 of the primary.
 */
class SentinelFailoverIT {
  private static final String SET_SCRIPT = "return redis.call('SET', KEYS[1], ARGV[1])";

  @TempDir static Path dir;
  private static RedisSentinels group;

  @BeforeAll
  static void startGroup() {
    group = RedisSentinels.start(dir, 1);
  }

  @AfterAll
  static void stopGroup() {
    if (group != null) {
      group.close();
    }
  }

  private static SentinelQuery query() {
    return new SentinelQuery(SentinelQuery.parse(group.sentinelsEnv()), "distsync", 500);
  }

  private static PooledConnectionProvider pool(HostAndPort at) {
    return new PooledConnectionProvider(
        at,
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(1000)
            .socketTimeoutMillis(2000)
            .build());
  }

  @Test
  void parsesTheSentinelList() {
    assertThat(SentinelQuery.parse(" a:1, b:2 ,,"))
        .containsExactly(new HostAndPort("a", 1), new HostAndPort("b", 2));
    assertThat(SentinelQuery.parse("")).isEmpty();
  }

  @Test
  void theMostNamedPrimaryWins() {
    HostAndPort s = new HostAndPort("s", 1);
    HostAndPort a = new HostAndPort("a", 1);
    HostAndPort b = new HostAndPort("b", 1);
    assertThat(
            SentinelQuery.mostNamed(
                List.of(
                    new SentinelQuery.Answer(s, a, null),
                    new SentinelQuery.Answer(s, b, null),
                    new SentinelQuery.Answer(s, null, "down"),
                    new SentinelQuery.Answer(s, b, null))))
        .isEqualTo(b);
    assertThat(SentinelQuery.mostNamed(List.of(new SentinelQuery.Answer(s, null, "x")))).isNull();
  }

  @Test
  void anUnreachableSentinelIsSkipped() {
    int port = group.primaryPort();
    SentinelQuery q =
        new SentinelQuery(
            SentinelQuery.parse("127.0.0.1:1," + group.sentinelsEnv()), "distsync", 500);
    assertThat(q.ask(new HostAndPort("127.0.0.1", 1)).error()).isNotNull();
    assertThat(q.primary()).contains(new HostAndPort("127.0.0.1", port));
  }

  @Test
  void acksFromMoreReplicasThanExistAreRefused() {
    AtomicInteger failures = new AtomicInteger();
    try (PrimarySwitch sw = new PrimarySwitch(SentinelFailoverIT::pool, failures::incrementAndGet);
        RedisClient client = RedisClient.builder().connectionProvider(sw).build()) {
      sw.switchTo(query().primary().orElseThrow());
      ReplicaAcks.require(client, 2, 200);
      try {
        assertThatThrownBy(
                () -> ReplicaAcks.eval(client, sha(), SET_SCRIPT, List.of("k2"), List.of("v")))
            .isInstanceOf(ReplicasBehind.class)
            .hasMessageContaining("1 of 2");
      } finally {
        ReplicaAcks.forget(client);
      }
    }
  }

  @Test
  void aWriteAckedByTheReplicaSurvivesAKillOfThePrimary() {
    AtomicInteger failures = new AtomicInteger();
    try (PrimarySwitch sw = new PrimarySwitch(SentinelFailoverIT::pool, failures::incrementAndGet);
        RedisClient client = RedisClient.builder().connectionProvider(sw).build()) {
      HostAndPort first = query().primary().orElseThrow();
      assertThat(sw.switchTo(first)).isTrue();
      assertThat(sw.switchTo(first)).as("same primary: no new pool").isFalse();
      ReplicaAcks.require(client, 1, 1000);
      try {
        // NOSCRIPT first (the script was never loaded), then EVALSHA: both wait for the replica.
        for (int i = 0; i < 50; i++) {
          assertThat(
                  ReplicaAcks.eval(client, sha(), SET_SCRIPT, List.of("k" + i), List.of("v" + i)))
              .isEqualTo("OK");
        }
        int killed = group.killPrimary();
        assertThat(killed).isEqualTo(first.getPort());
        assertThatThrownBy(client::ping).isNotNull();
        assertThat(failures.get())
            .as("a failed connection asks for the primary again")
            .isPositive();
        group.awaitPrimaryOtherThan(killed, Duration.ofSeconds(30));
        HostAndPort next = query().primary().orElseThrow();
        assertThat(sw.switchTo(next)).isTrue();
        assertThat(sw.primary()).isEqualTo(next);
        for (int i = 0; i < 50; i++) {
          assertThat(client.get("k" + i)).isEqualTo("v" + i);
        }
        group.restartKilled();
        // The restarted server rejoins as a replica, so one replica can ack again.
        Eventually.eventually(
            Duration.ofSeconds(30),
            "the restarted server acks writes as a replica",
            () -> {
              try {
                return "OK"
                    .equals(
                        ReplicaAcks.eval(client, sha(), SET_SCRIPT, List.of("z"), List.of("1")));
              } catch (ReplicasBehind e) {
                return false;
              }
            });
      } finally {
        ReplicaAcks.forget(client);
      }
    }
  }

  private static String sha() {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(SET_SCRIPT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
