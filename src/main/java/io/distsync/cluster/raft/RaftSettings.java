package io.distsync.cluster.raft;

import io.distsync.cluster.ClusterConfig;
import io.distsync.raft.RaftConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Raft timing and sizing from MicroProfile Config, turned into a {@link RaftConfig}. */
@ApplicationScoped
public class RaftSettings {

  @Inject
  @ConfigProperty(name = "HEARTBEAT_INTERVAL", defaultValue = "50")
  long heartbeatMs;

  @Inject
  @ConfigProperty(name = "ELECTION_TIMEOUT", defaultValue = "300-600")
  String electionTimeout;

  @Inject
  @ConfigProperty(name = "RAFT_SNAPSHOT_THRESHOLD", defaultValue = "10000")
  long snapshotThreshold;

  @Inject ClusterConfig cluster;

  /** The engine configuration; throws naming the setting when a value is out of range. */
  public RaftConfig config() {
    long[] range = parseRange(electionTimeout);
    if (heartbeatMs <= 0 || heartbeatMs * 2 > range[0]) {
      throw new IllegalStateException(
          "HEARTBEAT_INTERVAL ("
              + heartbeatMs
              + ") must be positive and under half of the minimum ELECTION_TIMEOUT");
    }
    return RaftConfig.builder()
        .heartbeatIntervalMs(heartbeatMs)
        .electionTimeoutMs(range[0], range[1])
        .snapshotThresholdEntries(snapshotThreshold)
        .proposalTimeoutMs(cluster.requestTimeoutMs())
        .build();
  }

  /**
   * REQUEST_TIMEOUT: how long a request waits for a leader (read once, by {@link ClusterConfig}).
   */
  public long requestTimeoutMs() {
    return cluster.requestTimeoutMs();
  }

  static long[] parseRange(String value) {
    String[] parts = value.trim().split("-");
    try {
      long min = Long.parseLong(parts[0].trim());
      long max = parts.length > 1 ? Long.parseLong(parts[1].trim()) : min * 2;
      if (parts.length > 2 || min <= 0 || max < min) {
        throw new NumberFormatException(value);
      }
      return new long[] {min, max};
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "ELECTION_TIMEOUT must look like 300-600, not '" + value + "'");
    }
  }
}
