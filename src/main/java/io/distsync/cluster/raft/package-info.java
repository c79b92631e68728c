/**
 * The Raft engine ({@link io.distsync.raft}) running inside Liberty: {@link
 * io.distsync.cluster.raft.RaftService} owns the node (managed executors, the file store under
 * {@code DATA_DIR}), {@link io.distsync.cluster.raft.RestTransport} carries messages over
 * MicroProfile Rest Client to {@code /internal/raft/}, {@link
 * io.distsync.cluster.raft.ProposalRouter} forwards proposals to the leader, and {@code /raft/*} is
 * the public view.
 */
package io.distsync.cluster.raft;
