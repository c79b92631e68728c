package io.distsync.queue.model;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;

/**
 * A message in the dead letters.
 *
 * @param id the message id
 * @param payload its payload
 * @param key its key, or null
 * @param priority its priority
 * @param deliveries how many times it was delivered
 * @param producedAt epoch ms when it was produced
 * @param deadLetteredAt epoch ms when it became a dead letter
 */
@JsonbNillable
public record DeadLetter(
    String id,
    JsonValue payload,
    String key,
    int priority,
    int deliveries,
    long producedAt,
    long deadLetteredAt) {}
