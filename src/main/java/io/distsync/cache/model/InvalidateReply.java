package io.distsync.cache.model;

/**
 * {@code POST /cache/invalidate}'s answer: every node has dropped its copies (Redis keeps values).
 */
public record InvalidateReply(String key, boolean invalidated) {}
