package io.distsync.cache.mesi;

import io.distsync.cache.mesi.LocalCache.LineView;
import io.distsync.cache.mesi.PeerTransport.DowngradeReply;
import io.distsync.cache.mesi.Results.Read;
import io.distsync.cache.mesi.Results.Source;
import io.distsync.cache.mesi.Results.Write;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One node's coherent cache: the face of the protocol. Client operations ({@link #get}, {@link
 * #put}, {@link #delete}, {@link #invalidate}), the peer messages' handlers, and the periodic tasks
 * the host must run ({@link #maintainLease()} every quarter lease, {@link #writeBackDirty()} every
 * half write-back delay in write-back mode). A hit ({@link #tryHit}) touches neither Redis nor the
 * peers and takes only its segment's lock.
 */
public final class CacheNode {
  final String nodeId;
  final CacheOptions options;
  final DirectoryAccess dir;
  final PeerTransport peers;
  final CacheClock clock;
  final BooleanSupplier inMajority;
  final Supplier<List<String>> otherNodes;
  final CacheStats stats;
  final LocalCache cache;
  final LeaseKeeper lease;
  final KeyLocks locks;
  final WriteBacks writeBacks;
  final KeyQueue queue;
  private final ReadMiss reads;
  private final Writes writes;
  private final PeerSide peerSide;
  private final AtomicLong tokens = new AtomicLong();

  /**
   * @param inMajority whether this node reaches a majority of the members (itself included)
   * @param otherNodes the ids of the other members (invalidate-all)
   */
  public CacheNode(
      String nodeId,
      CacheOptions options,
      DirectoryAccess dir,
      PeerTransport peers,
      CacheClock clock,
      BooleanSupplier inMajority,
      Supplier<List<String>> otherNodes,
      CacheListener listener) {
    this.nodeId = nodeId;
    this.options = options;
    this.dir = dir;
    this.peers = peers;
    this.clock = clock;
    this.inMajority = inMajority;
    this.otherNodes = otherNodes;
    this.stats = new CacheStats(listener);
    this.cache = new LocalCache(options.capacity(), options.policy(), stats);
    this.lease = new LeaseKeeper(this);
    this.locks = new KeyLocks(this);
    this.writeBacks = new WriteBacks(this);
    this.queue = new KeyQueue(this);
    this.reads = new ReadMiss(this);
    this.writes = new Writes(this);
    this.peerSide = new PeerSide(this);
  }

  /** The line if this node serves it from its cache (a hit, counted), else null. */
  public Read tryHit(String key) {
    Read hit = served(key);
    if (hit != null) {
      stats.hit();
    }
    return hit;
  }

  /** A read behind this node's earlier operations on the key, whose install may make it a hit. */
  CompletableFuture<Read> queued(String key) {
    return queue.run(
        key,
        () -> {
          Read later = served(key);
          return later != null ? CompletableFuture.completedFuture(later) : reads.run(key);
        });
  }

  /** Reads that waited for a write batch that failed: each is read the usual way. */
  void readAgain(String key, List<CompletableFuture<Read>> readers) {
    for (CompletableFuture<Read> reader : readers) {
      queued(key)
          .whenComplete(
              (read, failure) -> {
                if (failure != null) {
                  reader.completeExceptionally(failure);
                } else {
                  reader.complete(read);
                }
              });
    }
  }

  /** The line this node serves for {@code key}, uncounted, or null. */
  private Read served(String key) {
    long epoch = lease.servingEpoch();
    LineView line = cache.hit(key, clock.wallMillis());
    if (line == null || line.epoch() != epoch) {
      return null;
    }
    return new Read(key, line.value(), line.version(), line.state(), Source.LOCAL);
  }

  /** A read: from the local line, else through the miss protocol. */
  public CompletableFuture<Read> get(String key) {
    try {
      Read hit = tryHit(key);
      if (hit != null) {
        return CompletableFuture.completedFuture(hit);
      }
      stats.miss();
      CompletableFuture<Read> alongside = queue.joinBatch(key);
      return alongside != null ? alongside : queued(key);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A write of {@code value} (JSON text); {@code ttlMs} 0 for no expiry. */
  public CompletableFuture<Write> put(String key, String value, long ttlMs) {
    try {
      long expiresAt = ttlMs > 0 ? clock.wallMillis() + ttlMs : 0;
      return writes.put(key, value, expiresAt);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Removes the key from every node and from Redis; the deletion's version. */
  public CompletableFuture<Long> delete(String key) {
    try {
      lease.servingEpoch();
      return queue.run(key, () -> writes.delete(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Every node drops its copy of {@code key} ({@code "*"}: every line); Redis keeps values. */
  public CompletableFuture<Void> invalidate(String key) {
    try {
      if ("*".equals(key)) {
        return writes.invalidateAll();
      }
      lease.servingEpoch();
      return queue.run(key, () -> writes.invalidate(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Handles another node's downgrade message. */
  public CompletableFuture<DowngradeReply> onDowngrade(String key, long epoch) {
    try {
      return peerSide.onDowngrade(key, epoch);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Handles another node's invalidation message. */
  public CompletableFuture<Void> onInvalidate(String key, long epoch) {
    try {
      return peerSide.onInvalidate(key, epoch);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Another node's release handed the key's lock to {@code token}, an operation of this node: it
   * takes its turn (or, when it is no longer waiting, hands the lock on).
   */
  public void onGrant(String key, String token) {
    locks.onGrant(key, token);
  }

  /** Renews, starts or ends the lease; run every quarter of {@link CacheOptions#leaseMs()}. */
  public CompletableFuture<Void> maintainLease() {
    return lease.maintain();
  }

  /** Writes every MODIFIED line back; run every half {@link CacheOptions#writeBackDelayMs()}. */
  public CompletableFuture<Void> writeBackDirty() {
    return writeBacks.sweep();
  }

  /** Writes every MODIFIED line back, drops every line and gives the lease up. */
  public CompletableFuture<Void> shutdown() {
    return lease.stop();
  }

  public String nodeId() {
    return nodeId;
  }

  public CacheOptions options() {
    return options;
  }

  public CacheStats stats() {
    return stats;
  }

  /** Whether this node serves from its cache now. */
  public boolean serving() {
    return lease.serving();
  }

  /** The current lease epoch, 0 when none. */
  public long epoch() {
    return lease.currentEpoch();
  }

  /** A copy of every line. */
  public List<LineView> lines() {
    return cache.lines();
  }

  /** Copies of the first {@code n} lines, in key order, after {@code after} (null: the first). */
  public List<LineView> linesAfter(String after, int n) {
    return cache.linesAfter(after, n);
  }

  public int size() {
    return cache.size();
  }

  String newToken(long epoch) {
    return nodeId + "#" + epoch + "#" + tokens.incrementAndGet();
  }
}
