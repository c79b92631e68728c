/**
 * The MESI coherence protocol of the distributed cache, in plain Java (no Jakarta imports), so that
 * the same code runs inside Liberty and in the deterministic simulation of the unit tests.
 *
 * <p>{@link io.distsync.cache.mesi.CacheNode} is one node's cache. It talks to the outside only
 * through three small interfaces: {@link io.distsync.cache.mesi.Directory} (Redis: the memory, the
 * per-key directory of holders, the per-key lock that orders operations with its line of waiters,
 * and the nodes' leases), {@link io.distsync.cache.mesi.PeerTransport} (downgrade, invalidate and
 * grant messages to other nodes) and {@link io.distsync.cache.mesi.CacheClock} (time and delays). A
 * node's own operations on a key wait in a local line ({@code KeyQueue}) and writes that wait
 * together commit as one batch ({@code WriteBatch}). docs/architecture.md ("Cache") explains the
 * protocol and its transition table.
 */
package io.distsync.cache.mesi;
