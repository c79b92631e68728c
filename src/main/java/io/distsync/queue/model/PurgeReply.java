package io.distsync.queue.model;

/**
 * Answer to a purge.
 *
 * @param queue the queue, which still exists (empty)
 * @param purged how many messages were dropped (ready, delayed, in flight and dead letters)
 */
public record PurgeReply(String queue, long purged) {}
