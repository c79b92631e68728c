package io.distsync.dashboard.model;

import io.distsync.queue.model.QueueStats;
import io.distsync.queue.model.RingView;
import java.util.List;

/**
 * The figures of the first queues in name order, and the ring's owners of their partitions.
 *
 * @param more whether there are queues beyond those listed
 * @param error why the last read failed (Redis unreachable), null when it succeeded
 */
public record QueueSection(
    List<QueueStats> queues, boolean more, RingView ring, long at, String error) {}
