package io.distsync.cache.mesi;

import java.util.List;

/**
 * Redis seen by the protocol: the memory (value, version and expiry of each key), the directory
 * (which holder has a key: one owner holding it EXCLUSIVE or MODIFIED, or sharers), the per-key
 * lock that orders every operation that changes who holds a key (with its line of waiting
 * operations, served first come, first served), and each node's lease. Every method is one atomic
 * step (one Lua script in Redis). Holders are {@link Holder} strings; an entry whose holder's lease
 * key no longer carries its epoch is stale and removed on the way.
 *
 * <p>Calls are synchronous; {@link DirectoryAccess} decides on which thread, or after which
 * simulated delay, they run.
 */
public interface Directory {

  /**
   * Takes the key's lock for {@code lockMs} if it is free or was handed to {@code token} by {@link
   * #release}, and answers the live holders. Otherwise {@code token} joins the key's line of
   * waiters (once: asking again keeps its place) and the answer is {@link DirView#BUSY}; its node
   * is told when the lock is handed to it.
   *
   * @param token {@code nodeId#epoch#n}: the waiter's node and lease epoch, then a number
   * @param now epoch ms, to judge value expiry
   */
  DirView acquire(String key, String token, long lockMs, long now);

  /**
   * Ends a read miss under the lock: forgets the exclusive holder {@code handledOwner} the reader
   * downgraded (kept as a sharer when {@code ownerKeeps}), then registers {@code self} as the only
   * holder (EXCLUSIVE) or as one more sharer (SHARED), and answers the value.
   */
  Fill commitRead(
      String key, String token, String self, String handledOwner, boolean ownerKeeps, long now);

  /**
   * Ends {@code count} writes of one batch under the lock: {@code self} becomes the owner, the
   * sharers are forgotten, and the last write's value is stored (write-through) or not (write-back:
   * it stays in the owner's MODIFIED line). The answer is the first of {@code count} consecutive
   * new versions, all greater than any earlier version of the key (the last is the stored one), or
   * -1 when the lock was lost.
   */
  long commitWrite(
      String key,
      String token,
      String self,
      String value,
      long expiresAt,
      boolean store,
      int count);

  /** Removes the key's value and holders under the lock: its version, or -1 when lost. */
  long commitDelete(String key, String token);

  /** Forgets the key's holders under the lock (the value stays); false when the lock was lost. */
  boolean commitInvalidate(String key, String token);

  /**
   * Frees the lock if {@code token} still holds it and hands it (for {@code lockMs}) to the first
   * waiter in line whose node still holds that lease epoch; waiters of dead epochs are dropped from
   * the line. The answer is the token it was handed to (its node must be told), or null. A {@code
   * token} that only waited leaves the line.
   */
  String release(String key, String token, long lockMs);

  /** Extends the lock if {@code token} still holds it; false when it was lost. */
  boolean extend(String key, String token, long lockMs);

  /**
   * {@code count} write-through writes of one batch by the EXCLUSIVE owner, without the lock:
   * stores the last one's value if {@code self} still owns the key with the line registered as
   * {@code token}. The first of {@code count} consecutive new versions (the last is the stored
   * one), or -1 when it does not.
   */
  long ownerWrite(String key, String self, String token, String value, long expiresAt, int count);

  /**
   * Writes a MODIFIED line back if {@code self} still owns the key with the line registered as
   * {@code token}, keeping the newer version. With {@code forget} the owner also gives the key up
   * (eviction). False when not the owner.
   */
  boolean flush(
      String key,
      String self,
      String token,
      String value,
      long version,
      long expiresAt,
      boolean forget);

  /** Removes {@code self}'s entry for the key if it was registered with {@code token}. */
  void forget(String key, String self, String token);

  /** The key's value as stored, without touching holders (tests, and the state endpoint). */
  Fill peek(String key, long now);

  /** Starts a new epoch for {@code nodeId} with a lease key of {@code ttlMs}: the epoch. */
  long beginEpoch(String nodeId, long ttlMs);

  /** Renews a lease: 1, or -1 when it was revoked, or -2 when the key no longer carries it. */
  int renew(String nodeId, long epoch, long ttlMs);

  /**
   * Revokes {@code nodeId}'s lease if it is still in {@code epoch} (or in any epoch when {@code
   * epoch} is 0): it cannot be renewed any more. The answer is how many ms the lease key still
   * lives, after which the node neither serves nor writes back lines of that epoch; 0 when it is
   * already gone.
   */
  long revoke(String nodeId, long epoch);

  /** Deletes the lease key if it still carries {@code epoch} (the node has dropped every line). */
  void endEpoch(String nodeId, long epoch);

  /**
   * What {@link #acquire} answers.
   *
   * @param acquired false when another operation holds the lock (then the rest is empty)
   * @param owner the live EXCLUSIVE/MODIFIED holder, or null
   * @param sharers the live SHARED holders
   * @param exists whether the key has a value (or an owner whose MODIFIED line may have one)
   */
  record DirView(boolean acquired, String owner, List<String> sharers, boolean exists) {
    public static final DirView BUSY = new DirView(false, null, List.of(), false);

    public DirView {
      sharers = List.copyOf(sharers);
    }
  }

  /**
   * A value read from Redis.
   *
   * @param status {@link #OK}, {@link #NOT_FOUND} or {@link #LOST} (the lock was lost)
   * @param state the state the reader holds the line in, for {@link #commitRead}
   */
  record Fill(int status, String value, long version, long expiresAt, MesiState state) {
    public static final int OK = 1;
    public static final int NOT_FOUND = 0;
    public static final int LOST = -1;
    public static final Fill MISSING = new Fill(NOT_FOUND, null, 0, 0, MesiState.INVALID);
    public static final Fill LOST_LOCK = new Fill(LOST, null, 0, 0, MesiState.INVALID);
  }
}
