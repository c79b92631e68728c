/**
 * Test support shared by every integration test: {@link io.distsync.testing.Eventually} (poll with
 * a deadline), {@link io.distsync.testing.Http} (a small JSON-over-HTTP client with timeouts), and
 * the cluster harness ({@link io.distsync.testing.TestCluster}) that runs a real Redis and N real
 * Liberty servers as processes, with a {@link io.distsync.testing.LinkProxy} on every directed link
 * between two nodes so a test can cut, heal or delay it.
 */
package io.distsync.testing;
