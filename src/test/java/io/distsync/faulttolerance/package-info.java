/**
 * Fault tests that read as stories ({@code when_X_then_Y}): real Liberty servers and a real Redis,
 * started by {@link io.distsync.testing.TestCluster}, with kills, partitions and delays injected.
 */
package io.distsync.faulttolerance;
