package io.distsync.cache.model;

/** The answer to an invalidation: done. */
public record AckView(boolean ok) {}
