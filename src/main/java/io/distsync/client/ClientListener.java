package io.distsync.client;

import java.net.URI;
import java.time.Duration;

/**
 * Hooks for metrics and logs, every method a no-op by default. They run on the thread that did the
 * work (a caller's, the scheduler's, a subscription's), so they must be quick and must not throw;
 * an exception they throw is ignored.
 */
public interface ClientListener {
  /** A request was sent to {@code node}. */
  default void requestSent(URI node, String method, String path) {}

  /** {@code node} answered {@code status} after {@code latency}. */
  default void requestAnswered(
      URI node, String method, String path, int status, Duration latency) {}

  /** No answer from {@code node}: connection refused or reset, or a timeout. */
  default void requestFailed(
      URI node, String method, String path, Throwable error, Duration latency) {}

  /**
   * The call moves on from {@code from} to {@code to}, for {@code reason} (a 503 code or error).
   */
  default void failover(URI from, URI to, String reason) {}

  /** A lock was granted to {@code owner} (not told for a local re-entry). */
  default void lockAcquired(String resource, String owner, long fencingToken) {}

  /** A lock was released on the server. */
  default void lockReleased(String resource, String owner, long fencingToken) {}

  /** A held lock was found lost (see {@link LockLostListener}). */
  default void lockLost(String resource, String owner, long fencingToken, String reason) {}

  /** A subscription's handler finished a message: {@code ok} false when it threw. */
  default void messageHandled(String queue, String messageId, boolean ok, Duration latency) {}
}
