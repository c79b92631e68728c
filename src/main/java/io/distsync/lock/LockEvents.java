package io.distsync.lock;

/**
 * What the lock table tells the node about waiting requests as it applies the log: a waiter was
 * granted, or left the queue without the lock. Fired on every node, on the Raft executor; only the
 * node holding that request's client connection has anything to do. Implementations must return
 * quickly and must not call back into the table.
 */
public interface LockEvents {
  LockEvents NONE = new LockEvents() {};

  /** The waiting request {@code requestId} now holds the lock ({@code grant} is GRANTED). */
  default void granted(String requestId, LockResult grant) {}

  /** The waiting request {@code requestId} left the queue ({@code result} is CONFLICT). */
  default void cancelled(String requestId, LockResult result) {}

  /** The lease of {@code owner} on {@code resource} (grant {@code token}) ran out. */
  default void expired(String resource, String owner, long token) {}

  /**
   * The acquire of {@code owner} on {@code resource} was refused because waiting would close {@code
   * cycle} in the wait-for graph.
   */
  default void refused(String resource, String owner, java.util.List<String> cycle) {}
}
