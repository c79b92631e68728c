package io.distsync.queue.model;

import java.util.List;

/**
 * Body of {@code POST /queues/{queue}/consume}.
 *
 * @param consumer who consumes (required)
 * @param max at most this many messages, 1 to 1000, default 1
 * @param visibilityMs how long the messages stay invisible to others unless acked, default {@code
 *     QUEUE_VISIBILITY_TIMEOUT}
 * @param waitMs long poll: wait up to this long for a message, 0 to 20000, default 0
 * @param ack receipts of earlier deliveries to acknowledge before new messages are taken (up to
 *     1000, optional), so a worker loop is one request per message
 */
public record ConsumeRequest(
    String consumer, Integer max, Long visibilityMs, Long waitMs, List<String> ack) {}
