/**
 * The peer channel: one persistent, authenticated WebSocket connection from each node to each other
 * member, carrying binary frames that coalesce every message queued for that peer ({@link
 * io.distsync.cluster.channel.Frames}). Raft messages, forwarded proposals and cache coherence
 * messages ride it ({@link io.distsync.cluster.channel.Services}); membership changes, status
 * probes and the operators' calls stay on HTTP. Bounded by bytes queued per connection, watched by
 * PINGs, dialled again with jittered backoff.
 */
package io.distsync.cluster.channel;
