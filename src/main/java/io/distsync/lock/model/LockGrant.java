package io.distsync.lock.model;

/** A granted acquire. */
public record LockGrant(
    String resource, String owner, String mode, long fencingToken, long expiresAt, int holdCount) {}
