package io.distsync.cluster.channel;

/** A frame from a peer that does not decode: the channel closes the connection and reconnects. */
public final class MalformedFrameException extends RuntimeException {
  public MalformedFrameException(String message) {
    super(message);
  }
}
