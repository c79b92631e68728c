package io.distsync.queue.model;

import java.util.List;

/**
 * Body of {@code POST /queues/{queue}/extend}.
 *
 * @param receipts 1 to 1000 receipts from consume answers
 * @param visibilityMs the new visibility, from now
 */
public record ExtendRequest(List<String> receipts, Long visibilityMs) {}
