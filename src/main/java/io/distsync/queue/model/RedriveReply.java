package io.distsync.queue.model;

/**
 * Answer to a redrive.
 *
 * @param redriven how many dead letters are ready again (delivery count reset)
 */
public record RedriveReply(int redriven) {}
