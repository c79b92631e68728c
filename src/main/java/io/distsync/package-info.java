/**
 * DistSync: distributed locks on Raft, reliable queues on Redis and a MESI-coherent cache.
 *
 * <p>Code is packaged by feature: {@code raft} (the consensus engine, plain Java), {@code lock},
 * {@code queue}, {@code cache}, {@code cluster} (node identity, peers, status), {@code redis} (the
 * Redis client), {@code health} (probes) and {@code error} (the JSON error contract).
 */
package io.distsync;
