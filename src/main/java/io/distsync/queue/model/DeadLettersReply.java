package io.distsync.queue.model;

import java.util.List;

/**
 * Answer to {@code GET /queues/{queue}/dead-letters}.
 *
 * @param queue the queue
 * @param total how many dead letters the queue holds
 * @param messages the oldest of them, up to {@code limit}
 */
public record DeadLettersReply(String queue, long total, List<DeadLetter> messages) {}
