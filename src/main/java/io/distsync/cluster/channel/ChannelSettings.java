package io.distsync.cluster.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The peer channel's settings from MicroProfile Config (environment variables). */
@ApplicationScoped
public class ChannelSettings {

  /** Bytes queued for one connection before further messages to that peer are refused. */
  @Inject
  @ConfigProperty(name = "CHANNEL_QUEUE_BYTES", defaultValue = "8388608")
  long queueBytes;

  /**
   * A connection with nothing to send for this long sends a PING; one that received nothing (no
   * frame, no PONG) for three times this long is taken for dead (a half-open connection) and
   * closed, then dialled again.
   */
  @Inject
  @ConfigProperty(name = "CHANNEL_PING_INTERVAL", defaultValue = "1000")
  long pingIntervalMs;

  public long queueBytes() {
    if (queueBytes < 65536) {
      throw new IllegalStateException("CHANNEL_QUEUE_BYTES must be at least 65536: " + queueBytes);
    }
    return queueBytes;
  }

  public long pingIntervalMs() {
    if (pingIntervalMs < 10) {
      throw new IllegalStateException(
          "CHANNEL_PING_INTERVAL must be at least 10 ms: " + pingIntervalMs);
    }
    return pingIntervalMs;
  }
}
