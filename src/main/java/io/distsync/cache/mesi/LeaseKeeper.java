package io.distsync.cache.mesi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This node's lease: the right to serve from its cache. A node serves only while it holds a lease
 * epoch renewed in Redis within {@link CacheOptions#localLeaseMs()} and can reach a majority of the
 * members. Losing either ends the epoch: the node stops serving at once, drops every line (writing
 * MODIFIED ones back first) and deletes its lease key; it serves again only in a new epoch, with an
 * empty cache, so no line from before a partition is ever served after it. Another node that cannot
 * reach this one revokes the lease in Redis and waits until it has run out before it goes on. Epoch
 * changes run one at a time.
 */
final class LeaseKeeper {
  private static final System.Logger LOG = System.getLogger("io.distsync.cache");
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final CacheNode node;
  private volatile long epoch; // 0: no lease
  private volatile long validUntil; // monotonic ms
  private final AtomicBoolean roundQueued = new AtomicBoolean();
  private CompletableFuture<Void> tail = DONE;

  LeaseKeeper(CacheNode node) {
    this.node = node;
  }

  /** The epoch to serve in, or a {@link CacheFailure.Kind#NOT_SERVING} failure. */
  long servingEpoch() {
    long e = epoch;
    if (e == 0 || node.clock.monoMillis() >= validUntil) {
      throw new CacheFailure(
          CacheFailure.Kind.NOT_SERVING,
          "This node's cache is not serving: it cannot reach a majority of the cluster or"
              + " Redis, or it is starting a new lease.");
    }
    return e;
  }

  boolean serving() {
    long e = epoch;
    return e != 0 && node.clock.monoMillis() < validUntil;
  }

  /** The current epoch, 0 when none (whether or not its lease is still valid). */
  long currentEpoch() {
    return epoch;
  }

  /** One maintenance round (renew, or start, or end the epoch); skipped if one is waiting. */
  CompletableFuture<Void> maintain() {
    if (!roundQueued.compareAndSet(false, true)) {
      return DONE;
    }
    return serially(
        () -> {
          roundQueued.set(false);
          return round();
        });
  }

  /** Ends the epoch and starts a new one with an empty cache (invalidate-all). */
  CompletableFuture<Void> rotate() {
    return serially(() -> end("invalidate-all").thenCompose(v -> begin()));
  }

  /** Ends the epoch for good (shutdown). */
  CompletableFuture<Void> stop() {
    return serially(() -> end("shutdown"));
  }

  private synchronized CompletableFuture<Void> serially(
      java.util.function.Supplier<CompletableFuture<Void>> step) {
    CompletableFuture<Void> next =
        tail.handle((v, t) -> null)
            .thenCompose(
                v -> {
                  try {
                    return step.get();
                  } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                  }
                });
    tail = next;
    return next;
  }

  private CompletableFuture<Void> round() {
    long e = epoch;
    if (!node.inMajority.getAsBoolean()) {
      return e == 0 ? DONE : end("this node cannot reach a majority of the cluster");
    }
    if (e == 0) {
      return begin();
    }
    if (node.clock.monoMillis() >= validUntil) {
      return end("its lease was not renewed in time").thenCompose(v -> begin());
    }
    long sent = node.clock.monoMillis();
    long ttl = node.options.leaseKeyTtlMs();
    return node.dir
        .call(d -> d.renew(node.nodeId, e, ttl))
        .thenCompose(
            r -> {
              if (r == 1) {
                if (epoch == e) {
                  validUntil = sent + node.options.localLeaseMs();
                }
                return DONE;
              }
              return end(r == -1 ? "another node revoked its lease" : "its lease key was lost")
                  .thenCompose(v -> begin());
            });
  }

  private CompletableFuture<Void> begin() {
    long sent = node.clock.monoMillis();
    long ttl = node.options.leaseKeyTtlMs();
    return node.dir
        .call(d -> d.beginEpoch(node.nodeId, ttl))
        .thenAccept(
            e -> {
              validUntil = sent + node.options.localLeaseMs();
              epoch = e;
              LOG.log(System.Logger.Level.INFO, "[{0}] cache serving in epoch {1}", node.nodeId, e);
            });
  }

  private CompletableFuture<Void> end(String reason) {
    long old = epoch;
    if (old == 0) {
      return DONE;
    }
    epoch = 0;
    validUntil = 0;
    var taken = node.cache.clear();
    LOG.log(
        System.Logger.Level.WARNING,
        "[{0}] cache epoch {1} ends ({2}): {3} lines dropped",
        node.nodeId,
        old,
        reason,
        taken.size());
    return node.writeBacks
        .drainAll(taken, false)
        .thenCompose(
            v ->
                node.dir.<Void>call(
                    d -> {
                      d.endEpoch(node.nodeId, old);
                      return null;
                    }))
        .exceptionally(t -> null); // the lease key then simply expires
  }
}
