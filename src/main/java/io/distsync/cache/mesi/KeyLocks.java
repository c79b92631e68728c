package io.distsync.cache.mesi;

import io.distsync.cache.mesi.Directory.DirView;
import io.distsync.cache.mesi.LocalCache.Taken;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The per-key lock in Redis that orders every operation changing who holds a key (read misses,
 * writes that are not silent, deletes, invalidations), cluster-wide: at most one runs per key at a
 * time, so two writers can never both think they own a key and no invalidation can cross a read
 * miss. The lock is a lease (it expires if its holder dies); every commit checks it still holds it.
 * Contenders wait in the key's line in Redis, first come first served: a release hands the lock to
 * the first live waiter and tells its node (a grant on the peer channel), so nobody polls and
 * nobody is passed over. Also revokes the lease of a holder that does not answer, and waits for it
 * to run out.
 */
final class KeyLocks {
  private static final System.Logger LOG = System.getLogger("io.distsync.cache");
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /** Waited beyond a revoked lease's end, for clocks that tick at slightly different rates. */
  static final long REVOKE_MARGIN_MS = 50;

  private static final int MAX_ATTEMPTS = 3;

  private final CacheNode node;

  /** This node's operations waiting in a key's line, by token: completed by their grant. */
  private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

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
    return acquire(key, token, epoch, deadline)
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
                      release(lock.key(), lock.token())
                          .handle((v, ignored) -> finish(outcome, failure)));
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

  /**
   * Takes the key's lock, or waits in its line in Redis until a release hands it over (a grant
   * message) or the request's time runs out. The waiter looks at the lock again every {@link
   * #lookAgainMs} without a grant: a lost grant, or a holder that died, costs no more than that.
   */
  private CompletableFuture<Lock> acquire(String key, String token, long epoch, long deadline) {
    long lockMs = node.options.lockLeaseMs();
    // Registered before asking: the grant may overtake the answer.
    CompletableFuture<Void> turn = new CompletableFuture<>();
    waiting.put(token, turn);
    return node.dir
        .call(d -> d.acquire(key, token, lockMs, node.clock.wallMillis()))
        .thenCompose(
            view -> {
              if (view.acquired()) {
                return CompletableFuture.completedFuture(new Lock(key, token, epoch, view));
              }
              long left = deadline - node.clock.monoMillis();
              if (left <= 0) {
                return leave(key, token)
                    .thenCompose(
                        v ->
                            CompletableFuture.failedFuture(
                                new CacheFailure(
                                    CacheFailure.Kind.BUSY,
                                    "Key '"
                                        + key
                                        + "' stayed locked by other operations for "
                                        + node.options.requestTimeoutMs()
                                        + " ms.")));
              }
              CompletableFuture<Void> timer = node.clock.delay(Math.min(left, lookAgainMs()));
              return CompletableFuture.anyOf(turn, timer)
                  .thenCompose(
                      v -> {
                        timer.cancel(false); // a grant came first: the timer's task is not needed
                        return acquire(key, token, epoch, deadline);
                      });
            })
        .whenComplete(
            (lock, failure) -> {
              if (failure != null) {
                waiting.remove(token);
              }
            });
  }

  /** How long a waiter waits for a grant before it looks at the lock again. */
  long lookAgainMs() {
    return Math.max(1, node.options.lockLeaseMs() / 4);
  }

  /**
   * A release handed the key's lock to {@code token}: its operation takes its turn. A token no
   * longer waiting (it gave up, or its operation is over) hands the lock on at once.
   */
  void onGrant(String key, String token) {
    CompletableFuture<Void> turn = waiting.get(token);
    if (turn != null) {
      turn.complete(null);
      return;
    }
    release(key, token);
  }

  /** Leaves the line (or hands on a lock granted meanwhile). */
  private CompletableFuture<Void> leave(String key, String token) {
    waiting.remove(token);
    return release(key, token).exceptionally(e -> null);
  }

  /**
   * Frees the lock, handing it to the next waiter in line (told by a grant), or leaves the line
   * when {@code token} only waited. Never fails: a lock not freed expires.
   */
  private CompletableFuture<Void> release(String key, String token) {
    waiting.remove(token);
    long lockMs = node.options.lockLeaseMs();
    return node.dir
        .call(d -> d.release(key, token, lockMs))
        .thenAccept(next -> tell(key, next))
        .exceptionally(e -> null); // it expires anyway
  }

  /** Tells the node of {@code token} that the lock was handed to it. */
  private void tell(String key, String token) {
    if (token == null) {
      return;
    }
    int hash = token.indexOf('#');
    String nodeId = hash > 0 ? token.substring(0, hash) : token;
    if (nodeId.equals(node.nodeId)) {
      node.clock.delay(0).thenRun(() -> onGrant(key, token));
    } else {
      node.peers.grant(nodeId, key, token);
    }
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
