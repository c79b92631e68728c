package io.distsync.cache;

import io.distsync.cache.eviction.EvictionPolicy;
import io.distsync.cache.mesi.CacheOptions;
import io.distsync.cluster.ClusterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The cache's settings from MicroProfile Config, defaults as in the contract's table. */
@ApplicationScoped
public class CacheSettings {

  @Inject
  @ConfigProperty(name = "CACHE_CAPACITY", defaultValue = "10000")
  int capacity;

  @Inject
  @ConfigProperty(name = "CACHE_POLICY", defaultValue = "LRU")
  String policy;

  @Inject
  @ConfigProperty(name = "CACHE_WRITE_POLICY", defaultValue = "write-through")
  String writePolicy;

  @Inject
  @ConfigProperty(name = "CACHE_WRITE_BACK_DELAY", defaultValue = "100")
  long writeBackDelayMs;

  @Inject
  @ConfigProperty(name = "CACHE_LEASE", defaultValue = "2000")
  long leaseMs;

  @Inject ClusterConfig cluster;

  /** The protocol's options; throws naming the setting when a value is not valid. */
  public CacheOptions options() {
    boolean writeBack =
        switch (writePolicy.trim().toLowerCase(Locale.ROOT)) {
          case "write-through" -> false;
          case "write-back" -> true;
          default ->
              throw new IllegalStateException(
                  "CACHE_WRITE_POLICY must be write-through or write-back, not '"
                      + writePolicy
                      + "'");
        };
    // The per-key lock outlives one round of peer calls (each bounded by the peer timeouts);
    // an operation that must wait for a dead peer's lease extends it first.
    long lockLease = cluster.peerConnectTimeoutMs() + cluster.peerReadTimeoutMs() + 1000;
    try {
      return new CacheOptions(
          capacity,
          EvictionPolicy.Kind.parse(policy),
          writeBack,
          writeBackDelayMs,
          leaseMs,
          lockLease,
          cluster.requestTimeoutMs());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The longest a request waits for a cache operation: the lock wait, two rounds of peer calls and
   * a dead peer's lease.
   */
  public long operationTimeoutMs(CacheOptions o) {
    return o.requestTimeoutMs()
        + 2 * (cluster.peerConnectTimeoutMs() + cluster.peerReadTimeoutMs())
        + o.leaseKeyTtlMs()
        + 1000;
  }
}
