package io.distsync.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;

/**
 * The public {@code /queues/*} API of one node, as the integration tests use it. Every call has a
 * read timeout (a long poll's wait plus {@link #READ}); nothing here retries.
 */
public final class QueueApi {
  public static final Duration READ = Duration.ofSeconds(10);

  private final String baseUrl;

  private QueueApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static QueueApi of(LibertyNode node) {
    return new QueueApi(node.url());
  }

  /** The API of the server at {@code baseUrl} (no trailing slash). */
  public static QueueApi at(String baseUrl) {
    return new QueueApi(baseUrl);
  }

  /** One delivered message. */
  public record Message(
      String id, JsonValue payload, String key, int priority, int deliveries, String receipt) {
    static Message of(JsonObject o) {
      return new Message(
          o.getString("id"),
          o.get("payload"),
          o.isNull("key") ? null : o.getString("key"),
          o.getInt("priority"),
          o.getInt("deliveries"),
          o.getString("receipt"));
    }
  }

  public Http.Reply post(String path, String body, Duration timeout) {
    return Http.sendJson("POST", baseUrl + path, body, timeout);
  }

  public Http.Reply get(String path) {
    return Http.get(baseUrl + path, READ);
  }

  /** Produces {@code messages} (JSON objects) in one request; answers the ids. */
  public List<String> produce(String queue, List<JsonObject> messages) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    messages.forEach(a::add);
    String body =
        messages.size() == 1
            ? messages.get(0).toString()
            : Json.createObjectBuilder().add("messages", a).build().toString();
    Http.Reply r = post("/queues/" + queue + "/messages", body, READ);
    expect(r, 201);
    return strings(((JsonObject) r.json()).getJsonArray("ids"));
  }

  public List<Message> consume(
      String queue, String consumer, int max, long visibilityMs, long waitMs) {
    String body =
        Json.createObjectBuilder()
            .add("consumer", consumer)
            .add("max", max)
            .add("visibilityMs", visibilityMs)
            .add("waitMs", waitMs)
            .build()
            .toString();
    Http.Reply r =
        post("/queues/" + queue + "/consume", body, READ.plus(Duration.ofMillis(waitMs)));
    expect(r, 200);
    return ((JsonObject) r.json())
        .getJsonArray("messages").stream().map(v -> Message.of(v.asJsonObject())).toList();
  }

  /** Acks the receipts; answers how many acked a message. */
  public int ack(String queue, List<String> receipts) {
    Http.Reply r = post("/queues/" + queue + "/ack", receiptsBody(receipts), READ);
    expect(r, 200);
    return ((JsonObject) r.json()).getInt("acked");
  }

  /** Nacks the receipts (redelivered at once); answers how many gave a message back. */
  public int nack(String queue, List<String> receipts) {
    Http.Reply r = post("/queues/" + queue + "/nack", receiptsBody(receipts), READ);
    expect(r, 200);
    return ((JsonObject) r.json()).getInt("nacked");
  }

  public JsonObject stats(String queue) {
    Http.Reply r = get("/queues/" + queue);
    expect(r, 200);
    return (JsonObject) r.json();
  }

  public JsonObject deadLetters(String queue) {
    Http.Reply r = get("/queues/" + queue + "/dead-letters");
    expect(r, 200);
    return (JsonObject) r.json();
  }

  public int redrive(String queue) {
    Http.Reply r = post("/queues/" + queue + "/dead-letters/redrive", null, READ);
    expect(r, 200);
    return ((JsonObject) r.json()).getInt("redriven");
  }

  public JsonObject ring() {
    Http.Reply r = get("/queues/ring");
    expect(r, 200);
    return (JsonObject) r.json();
  }

  private static String receiptsBody(List<String> receipts) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    receipts.forEach(a::add);
    return Json.createObjectBuilder().add("receipts", a).build().toString();
  }

  private static void expect(Http.Reply r, int status) {
    if (r.status() != status) {
      throw new AssertionError(
          "expected HTTP " + status + " but got " + r.status() + ": " + r.body());
    }
  }

  /** The ids of a JSON array of strings. */
  public static List<String> strings(JsonArray a) {
    return a.getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  @Override
  public String toString() {
    return baseUrl;
  }
}
