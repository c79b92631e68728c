package io.distsync.lock;

/** A request waiting in line. Immutable. */
record Waiter(
    String requestId, String owner, LockMode mode, long ttlMs, long since, long deadline) {}
