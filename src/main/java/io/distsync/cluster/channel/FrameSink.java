package io.distsync.cluster.channel;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Where a connection's writer puts its frames: a WebSocket session in the server, a stub in the
 * tests.
 *
 * <p><b>Threading and blocking.</b> {@link #send} is called by one writer at a time and must not
 * block: it starts the write and calls {@code done} once, from any thread, with null when the frame
 * is written or the failure. The buffer is not touched again before {@code done}. {@link #close}
 * may be called from any thread, more than once.
 */
interface FrameSink {
  void send(ByteBuffer frame, Consumer<Throwable> done);

  void close(String reason);
}
