/** JSON records of the {@code /raft} and {@code /internal/raft} endpoints. */
package io.distsync.cluster.raft.model;
