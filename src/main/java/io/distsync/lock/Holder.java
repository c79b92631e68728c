package io.distsync.lock;

/** One owner's hold on a lock. Mutable; lives in the lock table, on the Raft executor only. */
final class Holder {
  final String owner;
  LockMode mode;

  /** The log index of the entry that granted this hold (or its upgrade). */
  long token;

  long expiresAt;
  int holdCount;
  long ttlMs;

  Holder(String owner, LockMode mode, long token, long expiresAt, int holdCount, long ttlMs) {
    this.owner = owner;
    this.mode = mode;
    this.token = token;
    this.expiresAt = expiresAt;
    this.holdCount = holdCount;
    this.ttlMs = ttlMs;
  }

  LeaseIndex.Lease lease(String resource) {
    return new LeaseIndex.Lease(expiresAt, resource, owner, token);
  }
}
