package io.distsync.queue;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The queue settings, from MicroProfile Config (environment variables), checked at start. */
@ApplicationScoped
public class QueueSettings {
  /** The contract's bounds on the configured values. */
  static final int MAX_PARTITIONS = 1024;

  @Inject
  @ConfigProperty(name = "QUEUE_PARTITIONS", defaultValue = "1")
  int partitions;

  @Inject
  @ConfigProperty(name = "QUEUE_VISIBILITY_TIMEOUT", defaultValue = "30000")
  long visibilityTimeoutMs;

  @Inject
  @ConfigProperty(name = "QUEUE_MAX_DELIVERIES", defaultValue = "5")
  int maxDeliveries;

  /** ms between two rounds of the background work (reclaim, release, dead-lettering, gauges). */
  @Inject
  @ConfigProperty(name = "QUEUE_SWEEP_INTERVAL", defaultValue = "1000")
  long sweepIntervalMs;

  /** The most queues {@code QUEUE_METRICS_FOR} may name: each costs a few series per node. */
  static final int MAX_WATCHED = 20;

  /**
   * The most queue names one shard stores ({@code QUEUE_MAX_QUEUES}, 0: no cap); a produce to a new
   * queue past it is 429 {@code LIMIT_EXCEEDED}. A queue costs no memory on the nodes, only its
   * keys in Redis: the cap bounds what Redis holds.
   */
  @Inject
  @ConfigProperty(name = "QUEUE_MAX_QUEUES", defaultValue = "100000")
  int maxQueues;

  /** Comma list of queues whose depth and in-flight gauges the node keeps (opt-in, capped). */
  @Inject
  @ConfigProperty(name = "QUEUE_METRICS_FOR")
  Optional<String> metricsFor;

  /** Comma list of Redis URLs, one per shard; absent: one shard, {@code REDIS_URL}. */
  @Inject
  @ConfigProperty(name = "REDIS_URLS")
  Optional<String> redisUrls;

  @PostConstruct
  void check() {
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new IllegalStateException("QUEUE_PARTITIONS must be between 1 and " + MAX_PARTITIONS);
    }
    if (visibilityTimeoutMs < Limits.MIN_VISIBILITY_MS
        || visibilityTimeoutMs > Limits.MAX_VISIBILITY_MS) {
      throw new IllegalStateException(
          "QUEUE_VISIBILITY_TIMEOUT must be between "
              + Limits.MIN_VISIBILITY_MS
              + " and "
              + Limits.MAX_VISIBILITY_MS
              + " ms");
    }
    if (maxDeliveries < 1 || maxDeliveries > 1000) {
      throw new IllegalStateException("QUEUE_MAX_DELIVERIES must be between 1 and 1000");
    }
    if (maxQueues < 0) {
      throw new IllegalStateException("QUEUE_MAX_QUEUES must be 0 (no cap) or more");
    }
    List<String> watched = watchedQueues();
    if (watched.size() > MAX_WATCHED) {
      throw new IllegalStateException(
          "QUEUE_METRICS_FOR names "
              + watched.size()
              + " queues; at most "
              + MAX_WATCHED
              + " may have gauges of their own");
    }
    for (String q : watched) {
      if (!Limits.NAME.matcher(q).matches()) {
        throw new IllegalStateException("QUEUE_METRICS_FOR: " + q + " is not a queue name");
      }
    }
    if (sweepIntervalMs < 10) {
      throw new IllegalStateException("QUEUE_SWEEP_INTERVAL must be at least 10 ms");
    }
  }

  public int partitions() {
    return partitions;
  }

  public long visibilityTimeoutMs() {
    return visibilityTimeoutMs;
  }

  public int maxDeliveries() {
    return maxDeliveries;
  }

  public long sweepIntervalMs() {
    return sweepIntervalMs;
  }

  public int maxQueues() {
    return maxQueues;
  }

  /** The queues named in {@code QUEUE_METRICS_FOR}, without duplicates. */
  public List<String> watchedQueues() {
    return Arrays.stream(metricsFor.orElse("").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }

  /** The shard URLs from {@code REDIS_URLS}, empty when it is not set. */
  public List<String> redisUrls() {
    return redisUrls
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }
}
