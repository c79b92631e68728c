package io.distsync.cache.mesi;

import io.distsync.cache.mesi.KeyLocks.Lock;
import io.distsync.cache.mesi.KeyLocks.Outcome;
import io.distsync.cache.mesi.LocalCache.LineView;
import io.distsync.cache.mesi.LocalCache.Taken;
import io.distsync.cache.mesi.LocalCache.Ticket;
import io.distsync.cache.mesi.Results.Read;
import io.distsync.cache.mesi.Results.Source;
import io.distsync.cache.mesi.Results.Write;
import io.distsync.cache.mesi.WriteBatch.Pending;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Writes, deletes and invalidations. Writes wait their turn in this node's line for the key ({@link
 * KeyQueue}) and those that wait together commit as one {@link WriteBatch}. A batch by the
 * exclusive holder is silent (write-back: EXCLUSIVE or MODIFIED to MODIFIED, no message at all) or
 * nearly so (write-through: one Redis step that succeeds only while this node still owns the key).
 * Any other batch takes the key's lock, invalidates every other copy and waits for every
 * acknowledgement (or for a holder that does not answer to be declared dead), then commits in
 * Redis, which gives it versions greater than every earlier one, and installs the line EXCLUSIVE
 * (write-through) or MODIFIED (write-back).
 */
final class Writes {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final CacheNode node;

  Writes(CacheNode node) {
    this.node = node;
  }

  /** Queues a write behind this node's earlier operations on the key; it joins an open batch. */
  CompletableFuture<Write> put(String key, String value, long expiresAt) {
    node.lease.servingEpoch(); // refused at once when this node does not serve
    CompletableFuture<Write> answer = new CompletableFuture<>();
    node.queue.write(
        key,
        new Pending(value, expiresAt, answer),
        () -> new WriteBatch(batch -> turn(key, batch), readers -> node.readAgain(key, readers)));
    return answer;
  }

  /** A batch's turn: silent or owner writes while this node holds the key, else the full write. */
  private CompletableFuture<Void> turn(String key, WriteBatch batch) {
    long epoch = node.lease.servingEpoch();
    if (node.options.writeBack()) {
      if (!node.cache.heldExclusively(key, epoch)) {
        return locked(key, batch, batch::close, epoch);
      }
      // E -> M, M -> M: silent, no message and no Redis.
      List<Pending> writes = batch.close();
      long version = 0;
      for (int i = 0; i < writes.size(); i++) {
        Pending w = writes.get(i);
        version = node.cache.writeSilently(key, w.value(), w.expiresAt(), epoch);
        if (version < 0) {
          List<Pending> rest = WriteBatch.rest(writes, i); // the line was invalidated meanwhile
          return locked(key, batch, () -> rest, epoch);
        }
        w.answer().complete(new Write(key, version, MesiState.MODIFIED));
      }
      Pending last = WriteBatch.last(writes);
      batch.answerReaders(new Read(key, last.value(), version, MesiState.MODIFIED, Source.LOCAL));
      return DONE;
    }
    String token = node.cache.beginOwnerWrite(key, epoch);
    if (token == null) {
      return locked(key, batch, batch::close, epoch);
    }
    // E -> E: stored while Redis still names this line the owner; no lock, no message.
    List<Pending> writes = batch.close();
    Pending last = WriteBatch.last(writes);
    String self = new Holder(node.nodeId, epoch).toString();
    return node.dir
        .call(d -> d.ownerWrite(key, self, token, last.value(), last.expiresAt(), writes.size()))
        .whenComplete(
            (first, failure) -> {
              if (failure != null) {
                node.cache.afterOwnerWrite(key, token, last.value(), -1, last.expiresAt());
              }
            })
        .thenCompose(
            first -> {
              long version = first > 0 ? first + writes.size() - 1 : -1;
              boolean kept =
                  node.cache.afterOwnerWrite(key, token, last.value(), version, last.expiresAt());
              if (first > 0) {
                MesiState state = kept ? MesiState.EXCLUSIVE : MesiState.INVALID;
                WriteBatch.answer(writes, key, first, state);
                batch.answerReaders(new Read(key, last.value(), version, state, Source.LOCAL));
                return DONE;
              }
              // No longer the owner (the line was dropped): the full write.
              return locked(key, batch, () -> writes, epoch);
            });
  }

  /**
   * The full write under the key's lock: every other copy invalidated, then one commit for the
   * batch, taken ({@code take}) only then so that writes arriving meanwhile join it.
   */
  private CompletableFuture<Void> locked(
      String key, WriteBatch batch, Supplier<List<Pending>> take, long epoch) {
    MesiState state = node.options.writeBack() ? MesiState.MODIFIED : MesiState.EXCLUSIVE;
    return node.locks
        .withLock(
            key,
            epoch,
            lock ->
                invalidateOthers(key, lock, true)
                    .thenCompose(v -> commit(key, lock, take.get(), state)))
        .thenAccept(
            w -> {
              List<Pending> writes = take.get();
              WriteBatch.answer(writes, key, w.version(), w.state());
              Pending last = WriteBatch.last(writes);
              batch.answerReaders(
                  new Read(
                      key, last.value(), w.version() + writes.size() - 1, w.state(), Source.LOCAL));
            });
  }

  /**
   * Commits a batch under the lock and installs its last value; the answer has its first version.
   */
  private CompletableFuture<Outcome<Write>> commit(
      String key, Lock lock, List<Pending> writes, MesiState state) {
    Pending last = WriteBatch.last(writes);
    String self = new Holder(node.nodeId, lock.epoch()).toString();
    Ticket ticket = node.cache.open(key);
    return node.dir
        .call(
            d ->
                d.commitWrite(
                    key,
                    lock.token(),
                    self,
                    last.value(),
                    last.expiresAt(),
                    !node.options.writeBack(),
                    writes.size()))
        .whenComplete(
            (first, failure) -> {
              if (failure != null || first < 0) {
                node.cache.close(key, ticket);
              }
            })
        .thenApply(
            first -> {
              if (first < 0) {
                throw new KeyLocks.LockLost();
              }
              var installed =
                  node.cache.install(
                      ticket,
                      new LineView(
                          key,
                          last.value(),
                          first + writes.size() - 1,
                          state,
                          last.expiresAt(),
                          lock.token(),
                          lock.epoch()),
                      node.lease.currentEpoch());
              if (!installed.installed() && node.options.writeBack()) {
                // The value was never stored anywhere and nobody read it.
                throw new CacheFailure(
                    CacheFailure.Kind.WRITE_NOT_APPLIED,
                    "The write to '"
                        + key
                        + "' lost its line to a concurrent operation; it was not applied."
                        + " Try again.");
              }
              return new Outcome<>(
                  new Write(key, first, installed.installed() ? state : MesiState.INVALID),
                  installed.evicted());
            });
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
