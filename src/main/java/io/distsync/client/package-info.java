/**
 * The Java client of DistSync: {@link io.distsync.client.DistSync} with locks that implement {@link
 * java.util.concurrent.locks.Lock} (lease watchdog, fencing tokens), a queue producer and
 * subscriber loop, the cache, and failover between the nodes of a cluster.
 *
 * <p>It ships as its own jar ({@code distsync-client.jar}) and depends on the JDK's {@code
 * java.net.http} and Jackson databind only; no class of the server uses it, and it uses none of the
 * server's (ClientBoundaryTest checks both). See docs/client.md.
 */
package io.distsync.client;
