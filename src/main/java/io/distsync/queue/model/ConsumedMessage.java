package io.distsync.queue.model;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;

/**
 * One delivered message.
 *
 * @param id the message id ({@code <partition>-<sequence>})
 * @param payload the JSON value produced
 * @param key the key it was produced with, or null
 * @param priority its priority
 * @param deliveries how many times it was delivered, this delivery included
 * @param receipt the handle of this delivery for ack and nack; unique per delivery
 * @param producedAt epoch ms when Redis stored it
 */
@JsonbNillable
public record ConsumedMessage(
    String id,
    JsonValue payload,
    String key,
    int priority,
    int deliveries,
    String receipt,
    long producedAt) {}
