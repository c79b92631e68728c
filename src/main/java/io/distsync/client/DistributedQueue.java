package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * One queue of the cluster: send, subscribe, dead letters. Every message sent gets a {@code
 * deduplicationId} (a random one unless set), so the retries of a send after a lost answer store
 * nothing twice.
 */
public final class DistributedQueue {
  /** The server's most messages (and receipts, ids) in one request. */
  static final int MAX_BATCH = 1000;

  private final DistSync client;
  private final String name;

  DistributedQueue(DistSync client, String name) {
    this.client = client;
    this.name = name;
  }

  /** The queue's name. */
  public String name() {
    return name;
  }

  /** Sends one message of {@code payload}. */
  public SendResult send(Object payload) {
    return send(Message.of(payload));
  }

  /** Sends one message built with {@link Message#builder}. */
  public SendResult send(Message.Builder message) {
    return send(message.build());
  }

  /** Sends one message. */
  public SendResult send(Message message) {
    return sendBatch(List.of(message));
  }

  /**
   * Sends {@code messages}, 1000 per request; the ids come back in order. A batch larger than 1000
   * is several requests, so a failure may leave the first requests stored (sending again stores
   * nothing twice, thanks to the deduplication ids).
   */
  public SendResult sendBatch(List<Message> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("no message to send");
    }
    List<String> ids = new ArrayList<>();
    int partition = -1;
    for (int from = 0; from < messages.size(); from += MAX_BATCH) {
      ArrayNode list = Json.MAPPER.createArrayNode();
      for (Message m : messages.subList(from, Math.min(messages.size(), from + MAX_BATCH))) {
        list.add(wire(m));
      }
      ObjectNode body = Json.object();
      body.set("messages", list);
      JsonNode r = call("POST", "/messages", body, Duration.ZERO);
      r.path("ids").forEach(id -> ids.add(id.asText()));
      if (partition < 0) {
        partition = r.path("partition").asInt();
      }
    }
    return new SendResult(List.copyOf(ids), partition);
  }

  private static ObjectNode wire(Message m) {
    ObjectNode o = Json.object();
    o.set("payload", Json.tree(m.payload));
    if (m.key != null) {
      o.put("key", m.key);
    }
    if (m.priority != null) {
      o.put("priority", m.priority);
    }
    o.put(
        "deduplicationId",
        m.deduplicationId != null ? m.deduplicationId : UUID.randomUUID().toString());
    if (m.delayMs != null) {
      o.put("delayMs", m.delayMs);
    }
    return o;
  }

  /** Starts a consumer loop that hands each message to {@code handler}. */
  public Subscription subscribe(MessageHandler handler, SubscribeOptions options) {
    client.checkOpen();
    Subscription s = new Subscription(client, this, handler, options);
    client.register(s);
    s.start();
    return s;
  }

  /** As {@link #subscribe(MessageHandler, SubscribeOptions)} with the defaults. */
  public Subscription subscribe(MessageHandler handler) {
    return subscribe(handler, SubscribeOptions.defaults());
  }

  /** The dead-letter count and the oldest {@code limit} (1 to 1000) dead letters. */
  public DeadLetters deadLetters(int limit) {
    JsonNode r = call("GET", "/dead-letters?limit=" + limit, null, Duration.ZERO);
    List<Delivery> list = new ArrayList<>();
    r.path("messages").forEach(m -> list.add(Delivery.of(m)));
    return new DeadLetters(r.path("total").asLong(), List.copyOf(list));
  }

  /** Moves every dead letter back to ready (role admin); the number moved. */
  public int redrive() {
    return call("POST", "/dead-letters/redrive", Json.object(), Duration.ZERO)
        .path("redriven")
        .asInt();
  }

  /** Moves the dead letters {@code ids} (up to 1000) back to ready (role admin). */
  public int redrive(Collection<String> ids) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("ids");
    ids.forEach(list::add);
    return call("POST", "/dead-letters/redrive", body, Duration.ZERO).path("redriven").asInt();
  }

  JsonNode consume(String consumer, int max, Duration visibility, Duration wait) {
    ObjectNode body = Json.object();
    body.put("consumer", consumer);
    body.put("max", max);
    body.put("visibilityMs", visibility.toMillis());
    body.put("waitMs", wait.toMillis());
    return call("POST", "/consume", body, wait);
  }

  int ack(Collection<String> receipts) {
    ObjectNode body = receipts(receipts);
    return call("POST", "/ack", body, Duration.ZERO).path("acked").asInt();
  }

  int nack(Collection<String> receipts, long delayMs) {
    ObjectNode body = receipts(receipts);
    body.put("delayMs", delayMs);
    return call("POST", "/nack", body, Duration.ZERO).path("nacked").asInt();
  }

  int extend(Collection<String> receipts, Duration visibility) {
    ObjectNode body = receipts(receipts);
    body.put("visibilityMs", visibility.toMillis());
    return call("POST", "/extend", body, Duration.ZERO).path("extended").asInt();
  }

  private static ObjectNode receipts(Collection<String> receipts) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("receipts");
    receipts.forEach(list::add);
    return body;
  }

  private JsonNode call(String method, String suffix, Object body, Duration serverWait) {
    Transport t = client.transport();
    try {
      return t.call(
              method, "/queues/" + name + suffix, body, serverWait, t.deadline().plus(serverWait))
          .body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DistSyncException("INTERRUPTED", 0, "interrupted: " + method + " " + suffix, e);
    }
  }
}
