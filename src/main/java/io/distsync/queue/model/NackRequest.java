package io.distsync.queue.model;

import java.util.List;

/**
 * Body of {@code POST /queues/{queue}/nack}.
 *
 * @param receipts 1 to 1000 receipts from consume answers
 * @param delayMs redeliver after this many ms, default 0
 */
public record NackRequest(List<String> receipts, Long delayMs) {}
