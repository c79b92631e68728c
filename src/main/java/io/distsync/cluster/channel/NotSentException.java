package io.distsync.cluster.channel;

/**
 * A message or call that certainly never left this node: no connection to the peer, or the bytes
 * already queued for it reached the bound. A caller may retry it safely.
 */
public final class NotSentException extends RuntimeException {
  public NotSentException(String message) {
    super(message, null, false, false);
  }
}
