package io.distsync.cache.mesi;

import io.distsync.cache.mesi.LocalCache.Taken;
import io.distsync.cache.mesi.PeerTransport.DowngradeReply;
import java.util.concurrent.CompletableFuture;

/**
 * This node's side of the peer messages. Neither handler ever waits for another node (only for this
 * node's own write-back to Redis), so two nodes that message each other cannot deadlock. Both
 * poison a pending install of the key: a line committed before the message but not yet installed
 * must not appear after the message has been answered.
 */
final class PeerSide {
  private final CacheNode node;

  PeerSide(CacheNode node) {
    this.node = node;
  }

  /**
   * EXCLUSIVE or MODIFIED to SHARED. A MODIFIED value is written back before the answer, so the
   * reader finds it in Redis; the answer carries the value too.
   */
  CompletableFuture<DowngradeReply> onDowngrade(String key, long epoch) {
    node.cache.poison(key);
    Taken taken = epoch == node.lease.currentEpoch() ? node.cache.downgrade(key) : null;
    if (taken == null) {
      return node.cache.drained(key).thenApply(v -> DowngradeReply.NONE);
    }
    boolean kept = node.cache.get(key) != null;
    DowngradeReply reply =
        new DowngradeReply(true, kept, taken.line().value(), taken.line().version());
    CompletableFuture<Void> written =
        taken.dirty() ? node.writeBacks.drain(taken, false) : node.cache.drained(key);
    return written.thenApply(v -> reply);
  }

  /**
   * Drops the line (to INVALID), writing it back first if MODIFIED; {@code "*"} drops every line
   * and starts a new epoch.
   */
  CompletableFuture<Void> onInvalidate(String key, long epoch) {
    node.stats.invalidationReceived();
    if ("*".equals(key)) {
      return node.lease.rotate();
    }
    node.cache.poison(key);
    Taken taken = epoch == node.lease.currentEpoch() ? node.cache.drop(key) : null;
    if (taken != null && taken.dirty()) {
      return node.writeBacks.drain(taken, false);
    }
    return node.cache.drained(key);
  }
}
