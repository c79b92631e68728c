package io.distsync.queue.model;

import java.util.List;

/**
 * Answer to a consume: the messages delivered, empty when none was ready within {@code waitMs}.
 *
 * @param messages in delivery order
 * @param acked how many of the request's {@code ack} receipts acknowledged a delivery (0 without
 *     any; stale receipts count for nothing, as in an ack)
 */
public record ConsumeReply(List<ConsumedMessage> messages, int acked) {}
