package io.distsync.lock.model;

/** One holder of a lock, as {@code GET /locks} shows it. */
public record HolderView(String owner, long fencingToken, long expiresAt, int holdCount) {}
