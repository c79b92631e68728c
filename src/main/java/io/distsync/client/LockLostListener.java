package io.distsync.client;

/**
 * Told when the client finds that a held lock is lost: a renewal answered {@code NOT_HELD} or
 * {@code STALE_TOKEN}, or the lease ran out without a successful renewal. Stop writing with {@code
 * fencingToken} at once. Runs on the client's scheduler: return quickly.
 */
@FunctionalInterface
public interface LockLostListener {
  /** {@code lock} of {@code owner} with {@code fencingToken} is lost for {@code reason}. */
  void lockLost(String resource, String owner, long fencingToken, String reason);
}
