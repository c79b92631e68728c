package io.distsync.queue;

import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.NodeLog;
import io.distsync.redis.RedisSettings;
import io.distsync.redis.RedisUrl;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * The Redis shards that store queue partitions: {@code REDIS_URLS} when set, else the one {@code
 * REDIS_URL} (the application's shared client). A shard other than {@code REDIS_URL} gets a pooled
 * client of its own with the same pool size and connect/read timeout ({@code REDIS_TIMEOUT}).
 */
@ApplicationScoped
public class RedisShards {
  private static final NodeLog LOG = NodeLog.of(RedisShards.class);

  @Inject RedisClient primary;
  @Inject RedisSettings redisSettings;
  @Inject QueueSettings settings;
  @Inject ClusterConfig cluster;

  /** One shard: its id (the URL without credentials), its URL and its pooled client. */
  public record Shard(int index, String id, RedisUrl url, RedisClient client) {}

  private List<Shard> shards;
  private final List<RedisClient> owned = new ArrayList<>();

  @PostConstruct
  void open() {
    String primaryId = redisSettings.url().redacted();
    List<String> urls = settings.redisUrls();
    Map<String, RedisUrl> byId = new LinkedHashMap<>();
    for (String u : urls) {
      RedisUrl parsed = RedisUrl.parse(u);
      byId.putIfAbsent(parsed.redacted(), parsed);
    }
    if (byId.isEmpty()) {
      shards = List.of(new Shard(0, primaryId, redisSettings.url(), primary));
      return;
    }
    List<Shard> list = new ArrayList<>();
    for (Map.Entry<String, RedisUrl> e : byId.entrySet()) {
      RedisClient client = e.getKey().equals(primaryId) ? primary : newClient(e.getValue());
      if (client != primary) {
        owned.add(client);
      }
      list.add(new Shard(list.size(), e.getKey(), e.getValue(), client));
    }
    shards = List.copyOf(list);
    LOG.info("queue partitions spread over " + shards.size() + " Redis shards: " + byId.keySet());
  }

  @PreDestroy
  void close() {
    owned.forEach(RedisClient::close);
  }

  public List<Shard> all() {
    return shards;
  }

  public Shard get(int index) {
    return shards.get(index);
  }

  private RedisClient newClient(RedisUrl u) {
    return redisSettings.newClient(u, redisSettings.poolSize(), redisSettings.timeoutMs());
  }
}
