package io.distsync.lock.model;

/** A release; {@code holdCount} is what the owner still holds (0: the lock is let go). */
public record ReleaseReply(String resource, boolean released, int holdCount) {}
