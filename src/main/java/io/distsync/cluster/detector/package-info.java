/**
 * Failure detectors for the peer view: the phi-accrual detector (Hayashibara et al., 2004), which
 * turns the history of a peer's heartbeats into a suspicion level, and the fixed rule it replaced
 * (a peer is down when its last probe failed), kept for comparison. Plain Java, no container.
 */
package io.distsync.cluster.detector;
