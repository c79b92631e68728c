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

  /** The shard URLs from {@code REDIS_URLS}, empty when it is not set. */
  public List<String> redisUrls() {
    return redisUrls
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }
}
