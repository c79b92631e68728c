/**
 * Redis access: the {@code REDIS_URL} parser, the one pooled Jedis {@code RedisClient} the
 * application shares (a CDI producer, closed at shutdown), the readiness probe, and the mapping of
 * connection failures to 503 {@code REDIS_UNAVAILABLE}.
 */
package io.distsync.redis;
