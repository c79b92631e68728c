package io.distsync.cache.model;

/**
 * A downgrade or invalidation sent to another node ({@code /internal/cache/...}).
 *
 * @param key the key, or {@code "*"} (invalidate every line)
 * @param epoch the target's lease epoch the sender's directory named
 */
public record PeerMessage(String key, long epoch) {}
