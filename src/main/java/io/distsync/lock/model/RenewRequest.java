package io.distsync.lock.model;

/**
 * {@code POST /locks/renew}: ttlMs defaults to the lease length of the acquire; a retry with the
 * same {@code requestId} gets the first answer.
 */
public record RenewRequest(String resource, String owner, Long ttlMs, String requestId) {}
