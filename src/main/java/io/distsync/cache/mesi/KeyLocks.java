package io.distsync.cache.mesi;

import io.distsync.cache.mesi.Directory.DirView;
import io.distsync.cache.mesi.LocalCache.Taken;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The per-key lock in Redis that orders every operation changing who holds a key (read misses,
 * writes that are not silent, deletes, invalidations), cluster-wide: at most one runs per key at a
 * time, so two writers can never both think they own a key and no invalidation can cross a read
 * miss. The lock is a lease (it expires if its holder dies); every commit checks it still holds it.
 * Also revokes the lease of a holder that does not answer, and waits for it to run out.
 */
final class KeyLocks {
  private static final System.Logger LOG = System.getLogger("io.distsync.cache");
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /** Waited beyond a revoked lease's end, for clocks that tick at slightly different rates. */
  static final long REVOKE_MARGIN_MS = 50;

  private static final long MAX_BACKOFF_MS = 32;
  private static final int MAX_ATTEMPTS = 3;

  private final CacheNode node;

  KeyLocks(CacheNode node) {
    this.node = node;
  }

  /**
   * A held lock, the lease epoch the operation runs in, and what the directory said when the lock
   * was taken.
   */
  record Lock(String key, String token, long epoch, DirView view) {}

  /** The body's result and the lines its install evicted (given up after the lock is freed). */
  record Outcome<T>(T value, List<Taken> evicted) {
    static <T> Outcome<T> of(T value) {
      return new Outcome<>(value, List.of());
    }
  }

  /** Thrown by a body whose commit found the lock lost: the whole operation starts again. */
  static final class LockLost extends RuntimeException {
    LockLost() {
      super("the key's lock expired during the operation", null, false, false);
    }
  }

  /**
   * Runs {@code body} under the key's lock: takes it (waiting up to the request timeout), runs the
   * body, frees the lock whatever happened, gives up evicted lines, and starts over when the body
   * lost the lock (at most {@value #MAX_ATTEMPTS} times).
   */
  <T> CompletableFuture<T> withLock(
      String key, long epoch, Function<Lock, CompletableFuture<Outcome<T>>> body) {
    return attempt(key, epoch, body, 1);
  }

  private <T> CompletableFuture<T> attempt(
      String key, long epoch, Function<Lock, CompletableFuture<Outcome<T>>> body, int attempt) {
    String token = node.newToken(epoch);
    long deadline = node.clock.monoMillis() + node.options.requestTimeoutMs();
    return acquire(key, token, epoch, deadline, 1)
        .thenCompose(
            lock -> {
              CompletableFuture<Outcome<T>> run;
              try {
                if (node.lease.currentEpoch() != lock.epoch()) {
                  // The epoch changed while the operation waited: its lines are gone and its
                  // holder name is stale. Start again in the new epoch.
                  throw new LockLost();
                }
                run = body.apply(lock);
              } catch (RuntimeException e) {
                run = CompletableFuture.failedFuture(e);
              }
              return run.handle(
                  (outcome, failure) ->
                      release(lock).handle((v, ignored) -> finish(outcome, failure)));
            })
        .thenCompose(f -> f)
        .thenApply(
            outcome -> {
              node.writeBacks.drainAll(outcome.evicted(), true);
              return outcome.value();
            })
        .exceptionallyCompose(
            failure -> {
              Throwable cause = unwrap(failure);
              if (cause instanceof LockLost) {
                if (attempt < MAX_ATTEMPTS) {
                  return attempt(key, node.lease.servingEpoch(), body, attempt + 1);
                }
                cause =
                    new CacheFailure(
                        CacheFailure.Kind.BUSY,
                        "The operation on '"
                            + key
                            + "' was overtaken "
                            + MAX_ATTEMPTS
                            + " times (its lock or this node's lease changed); try again.");
              }
              return CompletableFuture.failedFuture(cause);
            });
  }

  private static <T> Outcome<T> finish(Outcome<T> outcome, Throwable failure) {
    if (failure != null) {
      throw new CompletionException(unwrap(failure));
    }
    return outcome;
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException
            || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private CompletableFuture<Lock> acquire(
      String key, String token, long epoch, long deadline, long backoff) {
    long lockMs = node.options.lockLeaseMs();
    return node.dir
        .call(d -> d.acquire(key, token, lockMs, node.clock.wallMillis()))
        .thenCompose(
            view -> {
              if (view.acquired()) {
                return CompletableFuture.completedFuture(new Lock(key, token, epoch, view));
              }
              if (node.clock.monoMillis() >= deadline) {
                return CompletableFuture.failedFuture(
                    new CacheFailure(
                        CacheFailure.Kind.BUSY,
                        "Key '"
                            + key
                            + "' stayed locked by other operations for "
                            + node.options.requestTimeoutMs()
                            + " ms."));
              }
              long pause = 1 + node.nextRandom(backoff);
              return node.clock
                  .delay(pause)
                  .thenCompose(
                      v ->
                          acquire(
                              key, token, epoch, deadline, Math.min(backoff * 2, MAX_BACKOFF_MS)));
            });
  }

  private CompletableFuture<Void> release(Lock lock) {
    return node.dir
        .<Void>call(
            d -> {
              d.release(lock.key(), lock.token());
              return null;
            })
        .exceptionally(e -> null); // it expires anyway
  }

  /**
   * {@code holder} did not answer: revokes its lease (it can no longer renew it, so it stops
   * serving when the lease runs out and drops its lines) and completes once the lease key is gone,
   * that is once the holder can neither serve nor write back anything of that epoch. The lock is
   * extended for the wait. {@code lock} may be null (invalidate-all).
   */
  CompletableFuture<Void> revokeAndWait(Holder holder, Lock lock) {
    if (!node.inMajority.getAsBoolean()) {
      // This node may be the one cut off: it must not take the lease of a node that serves.
      return CompletableFuture.failedFuture(
          new CacheFailure(
              CacheFailure.Kind.NOT_SERVING,
              holder.nodeId() + " does not answer and this node cannot reach a majority."));
    }
    return node.dir
        .call(d -> d.revoke(holder.nodeId(), holder.epoch()))
        .thenCompose(
            waitMs -> {
              if (waitMs <= 0) {
                return DONE;
              }
              LOG.log(
                  System.Logger.Level.WARNING,
                  "[{0}] {1} does not answer: lease revoked, going on in {2} ms",
                  node.nodeId,
                  holder,
                  waitMs);
              CompletableFuture<Boolean> extended =
                  lock == null
                      ? CompletableFuture.completedFuture(true)
                      : node.dir.call(
                          d ->
                              d.extend(
                                  lock.key(), lock.token(), waitMs + node.options.lockLeaseMs()));
              return extended.thenCompose(ok -> node.clock.delay(waitMs + REVOKE_MARGIN_MS));
            });
  }
}
