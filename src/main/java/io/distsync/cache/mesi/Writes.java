package io.distsync.cache.mesi;

import io.distsync.cache.mesi.KeyLocks.Lock;
import io.distsync.cache.mesi.KeyLocks.Outcome;
import io.distsync.cache.mesi.LocalCache.LineView;
import io.distsync.cache.mesi.LocalCache.Taken;
import io.distsync.cache.mesi.LocalCache.Ticket;
import io.distsync.cache.mesi.Results.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes, deletes and invalidations. A write by the exclusive holder is silent (write-back:
 * EXCLUSIVE or MODIFIED to MODIFIED, no message at all) or nearly so (write-through: one Redis step
 * that succeeds only while this node still owns the key). Any other write takes the key's lock,
 * invalidates every other copy and waits for every acknowledgement (or for a holder that does not
 * answer to be declared dead), then commits in Redis, which gives it a version greater than every
 * earlier one, and installs the line EXCLUSIVE (write-through) or MODIFIED (write-back).
 */
final class Writes {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final CacheNode node;

  Writes(CacheNode node) {
    this.node = node;
  }

  CompletableFuture<Write> put(String key, String value, long expiresAt) {
    long epoch = node.lease.servingEpoch();
    if (node.options.writeBack()) {
      long version = node.cache.writeSilently(key, value, expiresAt, epoch);
      if (version > 0) {
        return CompletableFuture.completedFuture(new Write(key, version, MesiState.MODIFIED));
      }
      return locked(key, value, expiresAt, epoch);
    }
    String token = node.cache.beginOwnerWrite(key, epoch);
    if (token != null) {
      String self = new Holder(node.nodeId, epoch).toString();
      return node.dir
          .call(d -> d.ownerWrite(key, self, token, value, expiresAt))
          .whenComplete(
              (version, failure) -> {
                if (failure != null) {
                  node.cache.afterOwnerWrite(key, token, value, -1, expiresAt);
                }
              })
          .thenCompose(
              version -> {
                boolean kept = node.cache.afterOwnerWrite(key, token, value, version, expiresAt);
                if (version > 0) {
                  return CompletableFuture.completedFuture(
                      new Write(key, version, kept ? MesiState.EXCLUSIVE : MesiState.INVALID));
                }
                // No longer the owner (the line was dropped): the full write.
                return locked(key, value, expiresAt, epoch);
              });
    }
    return locked(key, value, expiresAt, epoch);
  }

  private CompletableFuture<Write> locked(String key, String value, long expiresAt, long epoch) {
    MesiState state = node.options.writeBack() ? MesiState.MODIFIED : MesiState.EXCLUSIVE;
    return node.locks.withLock(
        key,
        epoch,
        lock ->
            invalidateOthers(key, lock, true)
                .thenCompose(
                    v -> {
                      String self = new Holder(node.nodeId, lock.epoch()).toString();
                      Ticket ticket = node.cache.open(key);
                      return node.dir
                          .call(
                              d ->
                                  d.commitWrite(
                                      key,
                                      lock.token(),
                                      self,
                                      value,
                                      expiresAt,
                                      !node.options.writeBack()))
                          .whenComplete(
                              (version, failure) -> {
                                if (failure != null || version < 0) {
                                  node.cache.close(key, ticket);
                                }
                              })
                          .thenApply(
                              version -> {
                                if (version < 0) {
                                  throw new KeyLocks.LockLost();
                                }
                                var installed =
                                    node.cache.install(
                                        ticket,
                                        new LineView(
                                            key,
                                            value,
                                            version,
                                            state,
                                            expiresAt,
                                            lock.token(),
                                            lock.epoch()),
                                        node.lease.currentEpoch());
                                if (!installed.installed() && node.options.writeBack()) {
                                  // The value was never stored anywhere and nobody read it.
                                  throw new CacheFailure(
                                      CacheFailure.Kind.WRITE_NOT_APPLIED,
                                      "The write to '"
                                          + key
                                          + "' lost its line to a concurrent operation;"
                                          + " it was not applied. Try again.");
                                }
                                return new Outcome<>(
                                    new Write(
                                        key,
                                        version,
                                        installed.installed() ? state : MesiState.INVALID),
                                    installed.evicted());
                              });
                    }));
  }

  /** Removes the key everywhere and from Redis; the version of the deletion. */
  CompletableFuture<Long> delete(String key) {
    long epoch = node.lease.servingEpoch();
    return node.locks.withLock(
        key,
        epoch,
        lock ->
            invalidateOthers(key, lock, false)
                .thenCompose(v -> node.dir.call(d -> d.commitDelete(key, lock.token())))
                .thenApply(
                    version -> {
                      if (version < 0) {
                        throw new KeyLocks.LockLost();
                      }
                      return Outcome.of(version);
                    }));
  }

  /** Every node drops its copy of the key; Redis keeps the value (written back first). */
  CompletableFuture<Void> invalidate(String key) {
    long epoch = node.lease.servingEpoch();
    return node.locks.withLock(
        key,
        epoch,
        lock ->
            invalidateOthers(key, lock, false)
                .thenCompose(v -> node.dir.call(d -> d.commitInvalidate(key, lock.token())))
                .thenApply(
                    ok -> {
                      if (!ok) {
                        throw new KeyLocks.LockLost();
                      }
                      return Outcome.<Void>of(null);
                    }));
  }

  /** Every node drops every line (each starts a new epoch); Redis keeps the values. */
  CompletableFuture<Void> invalidateAll() {
    node.lease.servingEpoch();
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    acks.add(node.lease.rotate());
    for (String other : node.otherNodes.get()) {
      node.stats.invalidationSent();
      acks.add(
          node.peers
              .invalidate(other, "*", 0)
              .exceptionallyCompose(
                  failure -> node.locks.revokeAndWait(new Holder(other, 0), null)));
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }

  /**
   * Drops this node's own copy (written back first if MODIFIED; a SHARED copy stays when {@code
   * keepShared}, for the writer's install to replace), then sends an invalidation to every live
   * holder on other nodes and completes when each has answered or, for one that did not, once it
   * has been declared dead and its lease has run out.
   */
  private CompletableFuture<Void> invalidateOthers(String key, Lock lock, boolean keepShared) {
    return node.cache
        .drained(key)
        .thenCompose(
            v -> {
              LineView own = node.cache.get(key);
              if (own == null || (keepShared && own.state() == MesiState.SHARED)) {
                return DONE;
              }
              Taken mine = node.cache.drop(key);
              return mine != null && mine.dirty() ? node.writeBacks.drain(mine, false) : DONE;
            })
        .thenCompose(
            v -> {
              List<CompletableFuture<Void>> acks = new ArrayList<>();
              for (String h : holders(lock)) {
                Holder holder = Holder.parse(h);
                if (holder.nodeId().equals(node.nodeId)) {
                  continue;
                }
                node.stats.invalidationSent();
                acks.add(
                    node.peers
                        .invalidate(holder.nodeId(), key, holder.epoch())
                        .exceptionallyCompose(failure -> node.locks.revokeAndWait(holder, lock)));
              }
              return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
            });
  }

  private static List<String> holders(Lock lock) {
    List<String> all = new ArrayList<>(lock.view().sharers());
    if (lock.view().owner() != null) {
      all.add(lock.view().owner());
    }
    return all;
  }
}
