package io.distsync.queue.model;

/**
 * Answer to a nack.
 *
 * @param nacked how many receipts gave a message back
 * @param deadLettered how many of those had reached {@code QUEUE_MAX_DELIVERIES} and went to the
 *     dead letters instead
 */
public record NackReply(int nacked, int deadLettered) {}
