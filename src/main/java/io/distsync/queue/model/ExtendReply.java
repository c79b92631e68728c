package io.distsync.queue.model;

/**
 * Answer to an extend.
 *
 * @param extended how many receipts were still in flight and got the new visibility
 */
public record ExtendReply(int extended) {}
