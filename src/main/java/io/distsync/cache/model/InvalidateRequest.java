package io.distsync.cache.model;

/**
 * {@code POST /cache/invalidate}'s body.
 *
 * @param key a key, or {@code "*"} for every key
 */
public record InvalidateRequest(String key) {}
