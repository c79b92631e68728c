package io.distsync.cluster.channel;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The end of a channel connection this node dialled, on the JDK's WebSocket client: a {@link
 * FrameSink} for the writer and a listener that reassembles binary messages into frames. The JDK
 * client is used for dialling because its connect and handshake have timeouts and never block a
 * thread (the container's client could wait forever for a connection that was refused at the wrong
 * moment); its callbacks run on the managed executor the client is built with.
 */
final class DialledEndpoint implements WebSocket.Listener, FrameSink {
  private final PeerChannels channels;
  private final Dialer dialer;
  private volatile WebSocket socket;
  private volatile Link link;
  private ByteBuffer partial;

  DialledEndpoint(PeerChannels channels, Dialer dialer) {
    this.channels = channels;
    this.dialer = dialer;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    link = channels.opened(this, dialer);
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    Link l = link;
    if (partial == null && last) {
      channels.onFrame(l, data);
    } else {
      int size = (partial == null ? 0 : partial.position()) + data.remaining();
      if (size > ChannelEndpoint.MAX_FRAME_BYTES) {
        l.close("a frame of more than " + ChannelEndpoint.MAX_FRAME_BYTES + " bytes");
        return null;
      }
      if (partial == null || partial.remaining() < data.remaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(size, 2 * size));
        if (partial != null) {
          bigger.put(partial.flip());
        }
        partial = bigger;
      }
      partial.put(data);
      if (last) {
        ByteBuffer frame = partial.flip();
        partial = null;
        channels.onFrame(l, frame);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    link.close("a text message on the peer channel");
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    Link l = link;
    if (l != null) {
      l.close("closed: " + statusCode + " " + reason);
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    Link l = link;
    if (l != null) {
      l.close("connection error: " + error);
    }
  }

  @Override
  public void send(ByteBuffer frame, Consumer<Throwable> done) {
    try {
      socket.sendBinary(frame, true).whenComplete((ws, failure) -> done.accept(failure));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  @Override
  public void close(String reason) {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort(); // a peer that stopped reading would never take a close frame
    }
  }
}
