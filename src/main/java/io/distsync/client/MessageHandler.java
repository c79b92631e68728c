package io.distsync.client;

/**
 * Handles one delivered message. Returning acks it; throwing nacks it with a backoff that grows
 * with its delivery count, so it comes back later (and becomes a dead letter after the server's
 * {@code QUEUE_MAX_DELIVERIES}). Delivery is at least once: make the handling idempotent.
 */
@FunctionalInterface
public interface MessageHandler {
  /** Handles {@code message}; throw to have it delivered again later. */
  void handle(Delivery message) throws Exception;
}
