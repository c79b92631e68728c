package io.distsync.cache.model;

/**
 * The answer to a downgrade.
 *
 * @param had whether the node held the key (it now holds it SHARED)
 * @param value its value, JSON text
 */
public record DowngradeView(boolean had, String value, long version) {}
