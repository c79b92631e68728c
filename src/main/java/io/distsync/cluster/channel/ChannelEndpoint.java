package io.distsync.cluster.channel;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * The end of a channel connection that a node accepts (the container's WebSocket server; the end it
 * dials is {@link DialledEndpoint}). Binary messages are frames, handed to {@link
 * PeerChannels#onFrame} on the container's read thread; the connection never times out by idleness
 * (the channel's own PINGs watch it).
 */
final class ChannelEndpoint extends Endpoint {
  /** Largest frame accepted: a snapshot chunk or a batch of entries with room to spare. */
  static final int MAX_FRAME_BYTES = 32 << 20;

  private final PeerChannels channels;
  private volatile Link link;

  ChannelEndpoint(PeerChannels channels) {
    this.channels = channels;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    session.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
    session.setMaxIdleTimeout(0);
    Link l = channels.opened(new SessionSink(session), null);
    link = l;
    session.addMessageHandler(
        ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) frame -> channels.onFrame(l, frame));
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    Link l = link;
    if (l != null) {
      l.close("closed: " + reason.getCloseCode() + " " + reason.getReasonPhrase());
    }
  }

  @Override
  public void onError(Session session, Throwable failure) {
    Link l = link;
    if (l != null) {
      l.close("connection error: " + failure);
    }
  }
}
