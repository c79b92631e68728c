package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The cache's stories ({@link CacheStories}) on three nodes in write-back mode, LFU, a small
 * capacity; plus what is particular to write-back: the writer holds MODIFIED and Redis gets the
 * value within CACHE_WRITE_BACK_DELAY, another node's read makes the owner write back and supply
 * it, an evicted MODIFIED line is written back, and a cut-off MODIFIED owner loses nothing.
 */
class CacheWriteBackIT extends CacheStories {

  @BeforeAll
  static void start() {
    startCluster(
        Map.of(
            "CACHE_WRITE_POLICY", "write-back",
            "CACHE_WRITE_BACK_DELAY", "100",
            "CACHE_POLICY", "LFU",
            "CACHE_CAPACITY", "64"));
  }

  @Override
  String writerState() {
    return "MODIFIED";
  }

  private static String stored(String key) {
    try (RedisClient redis = RedisClient.create("localhost", cluster.redis().port())) {
      return redis.hget("dsc:{" + key + "}", "v");
    }
  }

  @Test
  void when_aKeyIsWritten_then_theWriterHoldsItModified_andRedisGetsItWithinTheDelay() {
    String key = key("wb");
    long start = System.nanoTime();
    Reply w = put(1, key, "\"dirty\"");
    long answered = System.nanoTime();
    assertThat(w.status()).as(w.body()).isEqualTo(200);
    assertThat(json(w).getString("state")).isEqualTo("MODIFIED");
    eventually(Duration.ofSeconds(5), () -> assertThat(stored(key)).isEqualTo("\"dirty\""));
    LOG.info(
        String.format(
            "[CacheWriteBackIT] PUT answered in %d ms; Redis held the value %d ms after that",
            (answered - start) / 1_000_000, (System.nanoTime() - answered) / 1_000_000));
    eventually(Duration.ofSeconds(5), () -> assertThat(lineState(1, key)).isEqualTo("EXCLUSIVE"));
    assertThat(state(1).getJsonObject("stats").getJsonNumber("writeBacks").longValue())
        .isPositive();
  }

  @Test
  void when_anotherNodeReadsAModifiedLine_then_theOwnerSuppliesTheValue_andBothShare() {
    String key = key("wb-read");
    put(1, key, "\"v1\"");
    put(1, key, "\"v2\""); // silent: MODIFIED to MODIFIED
    JsonObject r = json(get(3, key));
    assertThat(r.getString("value")).isEqualTo("v2");
    assertThat(r.getString("source")).isEqualTo("peer");
    assertThat(r.getString("state")).isEqualTo("SHARED");
    assertThat(lineState(1, key)).isEqualTo("SHARED");
    assertThat(stored(key)).isEqualTo("\"v2\"");
  }

  @Test
  void when_modifiedLinesAreEvicted_then_theyAreWrittenBack_andReadableElsewhere() {
    String prefix = key("evict");
    for (int i = 0; i < 70; i++) {
      assertThat(put(2, prefix + "-" + i, Integer.toString(i)).status()).isEqualTo(200);
    }
    JsonObject stats = state(2).getJsonObject("stats");
    assertThat(stats.getJsonNumber("evictions").longValue()).isGreaterThanOrEqualTo(6);
    assertThat(state(2).getInt("size")).isLessThanOrEqualTo(64);
    for (int i = 0; i < 70; i += 7) {
      JsonObject r = json(get(1, prefix + "-" + i));
      assertThat(r.getInt("value")).isEqualTo(i);
    }
  }

  @Test
  void when_aModifiedOwnerIsCutOff_then_anotherNodeStillReadsItsValue() {
    String key = key("wb-cut");
    put(1, key, "\"owned\"");
    cluster.partition(1, 2);
    cluster.partition(1, 3);
    long start = System.nanoTime();
    Reply r = get(2, key);
    long ms = (System.nanoTime() - start) / 1_000_000;
    LOG.info(
        "[CacheWriteBackIT] read with the MODIFIED owner cut off: "
            + r.status()
            + " after "
            + ms
            + " ms");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(json(r).getString("value")).isEqualTo("owned");
  }

  @Test
  void when_thirtyClientsWriteOneKeyOnThreeNodes_then_eachIsServedInTurn_andNoReadIsStale()
      throws InterruptedException {
    HotKeyStory.run(key("hot"), writerState());
  }
}
