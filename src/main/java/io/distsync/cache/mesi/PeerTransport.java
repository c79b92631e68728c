package io.distsync.cache.mesi;

import java.util.concurrent.CompletableFuture;

/**
 * Messages to other nodes. {@link #downgrade} and {@link #invalidate} are sent only by the node
 * that holds the key's lock (or, for {@code "*"}, by an invalidate-all), answered once the target
 * has done what they ask, and fail (exceptionally) when the target does not answer within the
 * transport's timeout. {@link #grant} is one-way.
 *
 * <p>Threading: every method may be called on any thread and must not block it; the futures may
 * complete on any thread.
 */
public interface PeerTransport {

  /**
   * Tells {@code nodeId} that the key's lock was handed to its waiting operation {@code token}. One
   * way and best effort: a lost message costs the waiter only its next look at the lock.
   */
  void grant(String nodeId, String key, String token);

  /**
   * Asks the exclusive holder {@code nodeId} (in {@code epoch}) to write its line back if MODIFIED
   * and to keep it SHARED. The reply says whether it had the line, and with which value.
   */
  CompletableFuture<DowngradeReply> downgrade(String nodeId, String key, long epoch);

  /**
   * Asks {@code nodeId} to drop its copy of {@code key} (writing it back first if MODIFIED); {@code
   * "*"} drops every line and starts a new lease epoch.
   */
  CompletableFuture<Void> invalidate(String nodeId, String key, long epoch);

  /**
   * A downgrade's answer.
   *
   * @param had whether the target held the key in this epoch
   * @param kept whether it still holds it (SHARED); a line with a write in flight is dropped
   * @param value its value (JSON text), when it had it
   * @param version that value's version
   */
  record DowngradeReply(boolean had, boolean kept, String value, long version) {
    public static final DowngradeReply NONE = new DowngradeReply(false, false, null, 0);
  }
}
