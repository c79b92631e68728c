package io.distsync.cluster.channel;

import java.util.concurrent.CompletionStage;

/**
 * One service on the peer channel (Raft messages, forwarded proposals, cache coherence), registered
 * with {@link PeerChannels#register}.
 *
 * <p><b>Threading and blocking.</b> Both methods are called on the thread that read the frame, for
 * one connection in the order the messages were sent; they must not block (hand work to an executor
 * and return). {@code body} is valid only during the call. A call's reply may complete later, on
 * any thread; it is then queued on the connection the call came in on.
 */
public interface ChannelHandler {

  /** A one-way message from member {@code from}. */
  default void onMessage(String from, WireIn body) {
    throw new MalformedFrameException("this service takes no one-way messages");
  }

  /**
   * A call from member {@code from}; completes with the reply, or exceptionally with a {@link
   * RemoteCallException} whose code the caller receives (any other failure becomes {@code
   * INTERNAL}).
   */
  default CompletionStage<Outbound> onCall(String from, WireIn body) {
    throw new MalformedFrameException("this service takes no calls");
  }
}
