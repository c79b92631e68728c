package io.distsync.queue.model;

import java.util.List;

/**
 * Body of {@code POST /queues/{queue}/ack}.
 *
 * @param receipts 1 to 1000 receipts from consume answers
 */
public record AckRequest(List<String> receipts) {}
