package io.distsync.cache.mesi;

import io.distsync.cache.mesi.LocalCache.LineView;
import io.distsync.cache.mesi.LocalCache.Taken;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes MODIFIED values back to Redis: a line that left MODIFIED (downgrade, drop, eviction, end
 * of an epoch) and the periodic sweep that keeps every MODIFIED line at most {@code
 * CACHE_WRITE_BACK_DELAY} ms away from Redis. A write-back is accepted only while this node's
 * holder is still the key's owner in the directory (a node that was declared dead and replaced
 * cannot overwrite a newer value), and only when its version is newer than Redis's.
 */
final class WriteBacks {
  private static final System.Logger LOG = System.getLogger("io.distsync.cache");
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final CacheNode node;

  WriteBacks(CacheNode node) {
    this.node = node;
  }

  /**
   * Writes a taken line back if it was MODIFIED (then completes its drain, even on failure), and
   * with {@code forget} removes this node's directory entry (eviction). Fails when Redis fails.
   */
  CompletableFuture<Void> drain(Taken taken, boolean forget) {
    LineView l = taken.line();
    String holder = new Holder(node.nodeId, l.epoch()).toString();
    if (taken.dirty()) {
      return node.dir
          .call(
              d ->
                  d.flush(
                      l.key(), holder, l.token(), l.value(), l.version(), l.expiresAt(), forget))
          .whenComplete(
              (accepted, failure) -> {
                if (Boolean.TRUE.equals(accepted)) {
                  node.stats.writeBack();
                } else if (failure == null) {
                  LOG.log(
                      System.Logger.Level.WARNING,
                      "[{0}] write-back of {1} v{2} refused: no longer its owner",
                      node.nodeId,
                      l.key(),
                      l.version());
                }
                node.cache.finishDrain(l.key(), taken.drain());
              })
          .thenApply(accepted -> null);
    }
    if (forget) {
      return node.dir.call(
          d -> {
            d.forget(l.key(), holder, l.token());
            return null;
          });
    }
    return DONE;
  }

  /** Drains every taken line; a failure of one is logged and does not stop the others. */
  CompletableFuture<Void> drainAll(List<Taken> taken, boolean forget) {
    CompletableFuture<?>[] all =
        taken.stream()
            .map(t -> drain(t, forget).exceptionally(e -> logged(t, e)))
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all);
  }

  private Void logged(Taken t, Throwable e) {
    LOG.log(
        System.Logger.Level.WARNING,
        "[{0}] giving up line {1} failed: {2}",
        node.nodeId,
        t.line().key(),
        String.valueOf(e));
    return null;
  }

  /** One sweep: every MODIFIED line is written back and becomes EXCLUSIVE. */
  CompletableFuture<Void> sweep() {
    List<String> keys = node.cache.dirtyKeys();
    CompletableFuture<?>[] all = new CompletableFuture<?>[keys.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = sweepOne(keys.get(i));
    }
    return CompletableFuture.allOf(all);
  }

  private CompletableFuture<Void> sweepOne(String key) {
    LineView l = node.cache.get(key);
    if (l == null || l.state() != MesiState.MODIFIED) {
      return DONE;
    }
    String holder = new Holder(node.nodeId, l.epoch()).toString();
    return node.dir
        .call(d -> d.flush(key, holder, l.token(), l.value(), l.version(), l.expiresAt(), false))
        .thenAccept(
            accepted -> {
              if (accepted) {
                node.stats.writeBack();
                node.cache.markClean(key, l.version());
              } else {
                // Another node took the key over after this node was declared dead: the line is
                // superseded and must not be served; nothing of it goes to Redis.
                // (Only the line that was written back: another operation may have replaced it.)
                Taken gone = node.cache.dropIfRegisteredAs(key, l.token());
                if (gone != null && gone.dirty()) {
                  node.cache.finishDrain(key, gone.drain());
                }
              }
            })
        .exceptionally(e -> null); // Redis out of reach: the next sweep tries again
  }
}
