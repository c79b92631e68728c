/**
 * Eviction orders of the local cache, each O(1) per operation: least recently used ({@link
 * io.distsync.cache.eviction.LruPolicy}) and least frequently used ({@link
 * io.distsync.cache.eviction.LfuPolicy}, frequency buckets after Shah, Mitra and Matani, ties
 * broken by recency). Plain Java, not thread-safe: the cache's segment lock guards each instance.
 */
package io.distsync.cache.eviction;
