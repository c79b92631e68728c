package io.distsync.queue.model;

/**
 * Figures of one queue, summed over its partitions.
 *
 * @param queue the queue
 * @param partitions its number of partitions
 * @param ready messages waiting to be delivered
 * @param delayed messages produced or nacked with a delay that is not over yet
 * @param inFlight messages delivered and not yet acked, nacked or expired
 * @param deadLettered messages in the dead letters now
 * @param produced messages ever produced (duplicates not counted)
 * @param acked messages ever acked
 */
public record QueueStats(
    String queue,
    int partitions,
    long ready,
    long delayed,
    long inFlight,
    long deadLettered,
    long produced,
    long acked) {}
