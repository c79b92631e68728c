package io.distsync.cluster.channel;

import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The channel's metrics for one peer, tagged {@code peer} (a member id: bounded by the cluster's
 * size, never by user input). Handles are looked up once, not on every frame.
 */
final class ChannelStats {
  private final Counter framesSent;
  private final Counter bytesSent;
  private final Counter messagesSent;
  private final Counter framesReceived;
  private final Counter bytesReceived;
  private final Counter reconnects;
  private final Counter refused;

  ChannelStats(MetricRegistry registry, String peerId, LongSupplier queuedBytes) {
    Tag peer = new Tag("peer", peerId);
    framesSent = registry.counter("channel_frames_sent", peer);
    bytesSent = registry.counter("channel_bytes_sent", peer);
    messagesSent = registry.counter("channel_messages_sent", peer);
    framesReceived = registry.counter("channel_frames_received", peer);
    bytesReceived = registry.counter("channel_bytes_received", peer);
    reconnects = registry.counter("channel_connects", peer);
    refused = registry.counter("channel_messages_refused", peer);
    registry.gauge("channel_queued_bytes", queuedBytes::getAsLong, peer);
  }

  void sent(int bytes, int messages) {
    framesSent.inc();
    bytesSent.inc(bytes);
    messagesSent.inc(messages);
  }

  void received(int bytes) {
    framesReceived.inc();
    bytesReceived.inc(bytes);
  }

  void connected() {
    reconnects.inc();
  }

  void refused() {
    refused.inc();
  }
}
