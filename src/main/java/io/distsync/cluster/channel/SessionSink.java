package io.distsync.cluster.channel;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A {@link FrameSink} on a WebSocket session: each frame is one binary message, sent async. */
final class SessionSink implements FrameSink {
  /** A close frame's reason phrase is at most 123 bytes (RFC 6455 §5.5). */
  private static final int MAX_REASON_BYTES = 120;

  private final Session session;

  SessionSink(Session session) {
    this.session = session;
  }

  @Override
  public void send(ByteBuffer frame, Consumer<Throwable> done) {
    try {
      session
          .getAsyncRemote()
          .sendBinary(frame, result -> done.accept(result.isOK() ? null : result.getException()));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  @Override
  public void close(String reason) {
    if (!session.isOpen()) {
      return;
    }
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, phrase(reason)));
    } catch (IOException | RuntimeException e) {
      // already gone: nothing more to release
    }
  }

  static String phrase(String reason) {
    String r = reason == null ? "" : reason;
    while (r.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }
}
