package io.distsync.cache.mesi;

import io.distsync.cache.mesi.Directory.Fill;
import io.distsync.cache.mesi.KeyLocks.Lock;
import io.distsync.cache.mesi.KeyLocks.Outcome;
import io.distsync.cache.mesi.LocalCache.LineView;
import io.distsync.cache.mesi.LocalCache.Taken;
import io.distsync.cache.mesi.LocalCache.Ticket;
import io.distsync.cache.mesi.PeerTransport.DowngradeReply;
import io.distsync.cache.mesi.Results.Read;
import io.distsync.cache.mesi.Results.Source;
import java.util.concurrent.CompletableFuture;

/**
 * A read miss, under the key's lock: if another node holds the key EXCLUSIVE or MODIFIED, it is
 * asked to drop to SHARED (writing back first if MODIFIED) and supplies its value; then this node
 * registers in the directory and reads Redis in one step, and installs the line SHARED when anyone
 * else still holds the key, EXCLUSIVE otherwise. An owner that does not answer is declared dead:
 * its lease is revoked and the read goes on once it has run out.
 */
final class ReadMiss {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final CacheNode node;

  ReadMiss(CacheNode node) {
    this.node = node;
  }

  CompletableFuture<Read> run(String key) {
    long epoch = node.lease.servingEpoch();
    return node.locks.withLock(key, epoch, lock -> underLock(key, lock.epoch(), lock));
  }

  private CompletableFuture<Outcome<Read>> underLock(String key, long epoch, Lock lock) {
    return node.cache
        .drained(key)
        .thenCompose(
            v -> {
              LineView local = node.cache.hit(key, node.clock.wallMillis());
              if (local != null && local.epoch() == epoch) {
                // Installed by another local operation while this one waited for the lock.
                return CompletableFuture.completedFuture(
                    Outcome.of(
                        new Read(
                            key, local.value(), local.version(), local.state(), Source.LOCAL)));
              }
              Taken mine = node.cache.drop(key); // expired, or left over: never served
              CompletableFuture<Void> given =
                  mine != null && mine.dirty() ? node.writeBacks.drain(mine, false) : DONE;
              return given
                  .thenCompose(x -> askOwner(key, lock))
                  .thenCompose(reply -> commit(key, epoch, lock, reply));
            });
  }

  /** Downgrades the live exclusive holder on another node, if any. */
  private CompletableFuture<DowngradeReply> askOwner(String key, Lock lock) {
    String owner = lock.view().owner();
    if (owner == null) {
      return CompletableFuture.completedFuture(DowngradeReply.NONE);
    }
    Holder o = Holder.parse(owner);
    if (o.nodeId().equals(node.nodeId)) {
      return CompletableFuture.completedFuture(DowngradeReply.NONE); // a line this node lost
    }
    return node.peers
        .downgrade(o.nodeId(), key, o.epoch())
        .exceptionallyCompose(
            failure -> node.locks.revokeAndWait(o, lock).thenApply(w -> DowngradeReply.NONE));
  }

  private CompletableFuture<Outcome<Read>> commit(
      String key, long epoch, Lock lock, DowngradeReply reply) {
    String self = new Holder(node.nodeId, epoch).toString();
    String owner = lock.view().owner() == null ? "" : lock.view().owner();
    Ticket ticket = node.cache.open(key);
    return node.dir
        .call(
            d ->
                d.commitRead(key, lock.token(), self, owner, reply.kept(), node.clock.wallMillis()))
        .handle(
            (fill, failure) -> {
              if (failure != null || fill.status() != Fill.OK) {
                node.cache.close(key, ticket);
              }
              if (failure != null) {
                throw new java.util.concurrent.CompletionException(KeyLocks.unwrap(failure));
              }
              if (fill.status() == Fill.LOST) {
                throw new KeyLocks.LockLost();
              }
              if (fill.status() == Fill.NOT_FOUND) {
                throw new CacheFailure(
                    CacheFailure.Kind.NOT_FOUND, "No value for key '" + key + "'.");
              }
              return install(key, epoch, lock, reply, fill, ticket);
            });
  }

  private Outcome<Read> install(
      String key, long epoch, Lock lock, DowngradeReply reply, Fill fill, Ticket ticket) {
    // The owner's value when it is the newest (it wrote back before answering); Redis's when the
    // owner wrote through again after answering.
    boolean fromPeer = reply.had() && reply.version() >= fill.version();
    String value = fromPeer ? reply.value() : fill.value();
    long version = fromPeer ? reply.version() : fill.version();
    var installed =
        node.cache.install(
            ticket,
            new LineView(key, value, version, fill.state(), fill.expiresAt(), lock.token(), epoch),
            node.lease.currentEpoch());
    Source source = fromPeer ? Source.PEER : Source.REDIS;
    return new Outcome<>(new Read(key, value, version, fill.state(), source), installed.evicted());
  }
}
