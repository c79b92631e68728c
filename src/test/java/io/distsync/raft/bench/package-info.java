/**
 * JMH benchmarks of the Raft engine: a 3-node cluster in one JVM over an in-memory transport with
 * the real file store. Run with {@code mvn -Pbench verify} (see docs/performance.md); never part of
 * the test suite.
 */
package io.distsync.raft.bench;
