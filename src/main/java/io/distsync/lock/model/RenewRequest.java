package io.distsync.lock.model;

/** {@code POST /locks/renew}: ttlMs defaults to the lease length of the acquire. */
public record RenewRequest(String resource, String owner, Long ttlMs) {}
