package io.distsync.queue.model;

/**
 * Answer to an ack.
 *
 * @param acked how many receipts acknowledged a message; stale (redelivered since), already acked
 *     or unknown receipts are not counted and are not an error
 */
public record AckReply(int acked) {}
