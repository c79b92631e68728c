/**
 * Reliable queues on Redis (issue 6): partitions on a consistent-hash ring, at-least-once delivery
 * with receipts, visibility timeouts, redelivery, dead letters and redrive, deduplication, delay
 * and priority. {@link io.distsync.queue.QueueResource} is the API; {@link
 * io.distsync.queue.QueueStore} and the Lua scripts beside it in resources hold the data model;
 * {@link io.distsync.queue.PartitionRing} maps keys, partitions, shards and owners; {@link
 * io.distsync.queue.QueueSweeper} runs the owned partitions' background work.
 */
package io.distsync.queue;
