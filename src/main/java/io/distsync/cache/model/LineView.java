package io.distsync.cache.model;

/** One line of this node's cache. */
public record LineView(String key, String state, long version) {}
