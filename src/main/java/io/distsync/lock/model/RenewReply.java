package io.distsync.lock.model;

/** A renewed lease. */
public record RenewReply(String resource, long expiresAt) {}
