package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message as delivered to a handler (or a dead letter, whose {@code receipt} is null).
 *
 * @param id the message id
 * @param payloadJson the payload as sent
 * @param key the message key, or null
 * @param priority its priority
 * @param deliveries which delivery this is, from 1
 * @param receipt this delivery's receipt (ack, nack, extend)
 * @param producedAt when it was produced (epoch ms)
 */
public record Delivery(
    String id,
    JsonNode payloadJson,
    String key,
    int priority,
    int deliveries,
    String receipt,
    long producedAt) {

  /** The payload mapped to {@code type} with Jackson. */
  public <T> T payload(Class<T> type) {
    return Json.convert(payloadJson, type);
  }

  static Delivery of(JsonNode m) {
    return new Delivery(
        m.path("id").asText(),
        m.path("payload"),
        m.path("key").isTextual() ? m.path("key").asText() : null,
        m.path("priority").asInt(),
        m.path("deliveries").asInt(),
        m.path("receipt").isTextual() ? m.path("receipt").asText() : null,
        m.path("producedAt").asLong());
  }
}
