/**
 * The Raft engine ({@link io.distsync.raft}) running inside Liberty: {@link
 * io.distsync.cluster.raft.RaftService} owns the node (managed executors, the file store under
 * {@code DATA_DIR}), {@link io.distsync.cluster.raft.ChannelTransport} carries its messages on the
 * peer channel ({@link io.distsync.cluster.channel}) in the binary form of {@link
 * io.distsync.cluster.raft.RaftCodec}, {@link io.distsync.cluster.raft.ProposalRouter} forwards
 * proposals to the leader on the same channel, membership changes go over {@code /internal/raft/},
 * and {@code /raft/*} is the public view.
 */
package io.distsync.cluster.raft;
