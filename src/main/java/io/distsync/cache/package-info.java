/**
 * The coherent distributed cache: each node's bounded cache kept coherent across the nodes by MESI
 * with Redis as memory. {@link io.distsync.cache.CacheResource} is the public API ({@code /cache}),
 * {@link io.distsync.cache.CacheInternalResource} the node-to-node messages ({@code
 * /internal/cache}), {@link io.distsync.cache.CacheService} wires the plain-Java protocol of {@link
 * io.distsync.cache.mesi} to Redis ({@link io.distsync.cache.RedisDirectory}), to the peers (the
 * peer channel: {@code ChannelPeerTransport}) and to the managed scheduler; requests wait for their
 * operation without holding a thread ({@code CacheAnswers}).
 */
package io.distsync.cache;
