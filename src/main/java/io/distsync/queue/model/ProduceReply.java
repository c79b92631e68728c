package io.distsync.queue.model;

import java.util.List;

/**
 * Answer to {@code POST /queues/{queue}/messages} (201): the messages are in Redis.
 *
 * @param ids one id per message, in request order; a duplicate (same deduplicationId within 5
 *     minutes) answers the id of the message first enqueued
 * @param partition the partition of the (first) message
 * @param partitions each message's partition, only when a batch spans several partitions
 */
public record ProduceReply(List<String> ids, int partition, List<Integer> partitions) {}
