package io.distsync.queue.model;

import java.util.List;

/**
 * Answer to a consume: the messages delivered, empty when none was ready within {@code waitMs}.
 *
 * @param messages in delivery order
 */
public record ConsumeReply(List<ConsumedMessage> messages) {}
