package io.distsync.cache.model;

/**
 * The answer to a downgrade.
 *
 * @param had whether the node held the key
 * @param kept whether it still holds it (SHARED)
 * @param value its value, JSON text
 */
public record DowngradeView(boolean had, boolean kept, String value, long version) {}
