package io.distsync.lock.model;

/**
 * {@code POST /locks/acquire}: mode defaults to exclusive, ttlMs to 30000, waitMs to 0; a retry
 * with the same {@code requestId} gets the first answer.
 */
public record AcquireRequest(
    String resource, String owner, String mode, Long ttlMs, Long waitMs, String requestId) {}
