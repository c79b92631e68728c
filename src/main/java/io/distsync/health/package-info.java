/**
 * MicroProfile Health probes: {@code /health/started} (the application has initialized), {@code
 * /health/live} (the JVM can still do work) and {@code /health/ready} (the node can serve: its Raft
 * log is replayed, a leader is known, and Redis answers within a second).
 */
package io.distsync.health;
