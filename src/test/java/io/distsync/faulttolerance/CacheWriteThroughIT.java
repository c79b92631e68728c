package io.distsync.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache's stories ({@link CacheStories}) on three nodes in write-through mode (the default),
 * LRU; plus what is particular to write-through: Redis holds a value once its PUT has returned.
 */
class CacheWriteThroughIT extends CacheStories {

  @BeforeAll
  static void start() {
    startCluster(Map.of("CACHE_CAPACITY", "64", "CACHE_POLICY", "LRU"));
  }

  @Override
  String writerState() {
    return "EXCLUSIVE";
  }

  @Test
  void when_aPutReturns_then_redisHoldsTheValue_andTheWriterIsExclusive_andTheMetricsCountIt()
      throws Exception {
    String key = key("wt");
    Reply w = put(2, key, "[1,2,3]");
    assertThat(w.status()).isEqualTo(200);
    try (redis.clients.jedis.RedisClient jedis =
        redis.clients.jedis.RedisClient.create("localhost", cluster.redis().port())) {
      assertThat(jedis.hget("dsc:{" + key + "}", "v")).isEqualTo("[1,2,3]");
    }
    assertThat(lineState(2, key)).isEqualTo("EXCLUSIVE");
    get(2, key);
    JsonObject stats = state(2).getJsonObject("stats");
    assertThat(stats.getJsonNumber("hits").longValue()).isPositive();
    String metrics = Http.get(url(2, "/metrics"), T).body();
    assertThat(metrics).contains("cache_hits_total").contains("cache_invalidations_sent_total");
  }

  @Test
  void when_thirtyClientsWriteOneKeyOnThreeNodes_then_eachIsServedInTurn_andNoReadIsStale()
      throws InterruptedException {
    HotKeyStory.run(key("hot"), writerState());
  }
}
