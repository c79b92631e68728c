package io.distsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Eventually;
import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The queue API's shapes and refusals on the build's single server: every answer of the contract,
 * 400 INVALID_REQUEST for bad input (413 for a payload over 256 KiB), 404 for an unknown queue,
 * long poll, the ring and the figures in /status and /metrics. Each test uses queues of its own.
 */
class QueueApiIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static String queue() {
    return "api-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Reply post(String path, String body) {
    return Http.sendJson("POST", ItServer.url(path), body, TIMEOUT);
  }

  private static JsonObject ok(Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    return (JsonObject) r.json();
  }

  private static void assertError(Reply r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonObject body = (JsonObject) r.json();
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank().doesNotContain("Exception");
  }

  @Test
  void when_aMessageIsProducedConsumedAndAcked_then_everyAnswerHasTheContractsShape() {
    String q = queue();
    JsonObject produced =
        ok(post("/queues/" + q + "/messages", "{\"payload\":{\"n\":1},\"key\":\"k1\"}"), 201);
    assertThat(produced.getInt("partition")).isZero();
    String id = produced.getJsonArray("ids").getString(0);
    assertThat(id).matches("0-\\d+");

    JsonObject consumed =
        ok(post("/queues/" + q + "/consume", "{\"consumer\":\"c1\",\"max\":5}"), 200);
    JsonArray messages = consumed.getJsonArray("messages");
    assertThat(messages).hasSize(1);
    JsonObject m = messages.getJsonObject(0);
    assertThat(m.getString("id")).isEqualTo(id);
    assertThat(m.getJsonObject("payload").getInt("n")).isEqualTo(1);
    assertThat(m.getString("key")).isEqualTo("k1");
    assertThat(m.getInt("priority")).isZero();
    assertThat(m.getInt("deliveries")).isEqualTo(1);
    String receipt = m.getString("receipt");

    JsonObject stats = ok(Http.get(ItServer.url("/queues/" + q)), 200);
    assertThat(stats.getString("queue")).isEqualTo(q);
    assertThat(stats.getInt("partitions")).isEqualTo(1);
    assertThat(stats.getInt("inFlight")).isEqualTo(1);
    assertThat(stats.getInt("produced")).isEqualTo(1);

    JsonObject acked =
        ok(
            post("/queues/" + q + "/ack", "{\"receipts\":[\"" + receipt + "\",\"0-999.zz_1\"]}"),
            200);
    assertThat(acked.getInt("acked")).isEqualTo(1);

    stats = ok(Http.get(ItServer.url("/queues/" + q)), 200);
    assertThat(stats.getInt("ready")).isZero();
    assertThat(stats.getInt("inFlight")).isZero();
    assertThat(stats.getInt("acked")).isEqualTo(1);
    assertThat(stats.getInt("deadLettered")).isZero();

    JsonArray all = (JsonArray) Http.get(ItServer.url("/queues")).json();
    assertThat(all.stream().map(v -> v.asJsonObject().getString("queue"))).contains(q);
  }

  @Test
  void
      when_aConsumeCarriesTheLastReceipts_then_theyAreAcked_andTheNextMessagesComeInTheSameAnswer() {
    String q = queue();
    ok(
        post(
            "/queues/" + q + "/messages",
            "{\"messages\":[{\"payload\":1},{\"payload\":2},{\"payload\":3}]}"),
        201);
    JsonObject first = ok(post("/queues/" + q + "/consume", "{\"consumer\":\"w\"}"), 200);
    assertThat(first.getInt("acked")).isZero();
    String receipt = first.getJsonArray("messages").getJsonObject(0).getString("receipt");

    JsonObject next =
        ok(
            post(
                "/queues/" + q + "/consume",
                "{\"consumer\":\"w\",\"max\":5,\"ack\":[\"" + receipt + "\",\"0-1.stale_1\"]}"),
            200);

    assertThat(next.getInt("acked")).isEqualTo(1);
    assertThat(next.getJsonArray("messages").stream().map(v -> v.asJsonObject().getInt("payload")))
        .containsExactly(2, 3);
    JsonObject stats = ok(Http.get(ItServer.url("/queues/" + q)), 200);
    assertThat(stats.getInt("acked")).isEqualTo(1);
    assertThat(stats.getInt("inFlight")).isEqualTo(2);

    JsonObject empty =
        ok(
            post(
                "/queues/" + q + "/consume",
                "{\"consumer\":\"w\",\"waitMs\":50,\"ack\":[\"" + receipt + "\"]}"),
            200);
    assertThat(empty.getInt("acked")).as("a receipt acks once").isZero();
    assertThat(empty.getJsonArray("messages")).isEmpty();
  }

  @Test
  void when_aBatchIsProduced_then_idsComeInOrder_andNamesMayHoldSlashesAndColons() {
    String q = queue() + "/eu:orders.v1";
    JsonObject produced =
        ok(
            post(
                "/queues/" + q + "/messages",
                "{\"messages\":[{\"payload\":\"a\"},{\"payload\":\"b\",\"priority\":9},"
                    + "{\"payload\":null}]}"),
            201);
    assertThat(produced.getJsonArray("ids")).hasSize(3);

    JsonArray messages =
        ok(post("/queues/" + q + "/consume", "{\"consumer\":\"c\",\"max\":10}"), 200)
            .getJsonArray("messages");
    assertThat(messages.stream().map(v -> v.asJsonObject().get("payload").toString()))
        .containsExactly("\"b\"", "\"a\"", "null");
    assertThat(messages.getJsonObject(0).get("key")).isEqualTo(JsonValue.NULL);
    assertThat(ok(Http.get(ItServer.url("/queues/" + q)), 200).getString("queue")).isEqualTo(q);
  }

  @Test
  void when_nothingIsReady_then_consumeAnswersAnEmptyList_andALongPollGetsAMessageProducedLater()
      throws Exception {
    String q = queue();
    assertThat(
            ok(post("/queues/" + q + "/consume", "{\"consumer\":\"c\"}"), 200)
                .getJsonArray("messages"))
        .isEmpty();

    long start = System.nanoTime();
    CompletableFuture<Reply> poll =
        CompletableFuture.supplyAsync(
            () -> post("/queues/" + q + "/consume", "{\"consumer\":\"c\",\"waitMs\":8000}"));
    // Ready only 500 ms from now, so certainly while the poll waits.
    ok(post("/queues/" + q + "/messages", "{\"payload\":42,\"delayMs\":500}"), 201);
    JsonObject got = ok(poll.get(), 200);
    assertThat(got.getJsonArray("messages")).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(450), Duration.ofSeconds(7));

    long emptyStart = System.nanoTime();
    JsonObject none =
        ok(post("/queues/" + q + "/consume", "{\"consumer\":\"c\",\"waitMs\":300}"), 200);
    assertThat(none.getJsonArray("messages")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - emptyStart))
        .isGreaterThanOrEqualTo(Duration.ofMillis(290));
  }

  @Test
  void when_inputIsBad_then_400_INVALID_REQUEST_never_500() {
    String q = queue();
    String[][] produce = {
      {"/queues/" + q + "/messages", "not json"},
      {"/queues/" + q + "/messages", "[1,2]"},
      {"/queues/" + q + "/messages", "{}"},
      {"/queues/" + q + "/messages", "{\"payload\":1,\"priority\":\"high\"}"},
      {"/queues/" + q + "/messages", "{\"payload\":1,\"priority\":1000}"},
      {"/queues/" + q + "/messages", "{\"payload\":1,\"delayMs\":-1}"},
      {"/queues/" + q + "/messages", "{\"payload\":1,\"key\":\"bad key\"}"},
      {"/queues/" + q + "/messages", "{\"messages\":[]}"},
      {"/queues/bad%20name/messages", "{\"payload\":1}"},
      {"/queues/" + "q".repeat(257) + "/messages", "{\"payload\":1}"},
      {"/queues/" + q + "/consume", "{}"},
      {"/queues/" + q + "/consume", "{\"consumer\":\"c\",\"ack\":\"r\"}"},
      {"/queues/" + q + "/consume", "{\"consumer\":\"c\",\"ack\":[\"\"]}"},
      {"/queues/" + q + "/consume", "{\"consumer\":\"c\",\"max\":0}"},
      {"/queues/" + q + "/consume", "{\"consumer\":\"c\",\"max\":1001}"},
      {"/queues/" + q + "/consume", "{\"consumer\":\"c\",\"waitMs\":20001}"},
      {"/queues/" + q + "/consume", "{\"consumer\":\"c\",\"visibilityMs\":-1}"},
      {"/queues/" + q + "/consume", "{\"consumer\":\"c\",\"max\":\"many\"}"},
      {"/queues/" + q + "/consume", "{\"consumer\":"},
      {"/queues/" + q + "/ack", "{}"},
      {"/queues/" + q + "/ack", "{\"receipts\":[]}"},
      {"/queues/" + q + "/ack", "{\"receipts\":\"x\"}"},
      {"/queues/" + q + "/nack", "{\"receipts\":[\"0-1.a_1\"],\"delayMs\":-3}"},
    };
    for (String[] c : produce) {
      Reply r = post(c[0], c[1]);
      assertThat(r.status()).as(c[0] + " " + c[1] + " -> " + r.body()).isEqualTo(400);
      assertError(r, 400, "INVALID_REQUEST");
    }
    assertError(
        Http.get(ItServer.url("/queues/" + q + "/dead-letters?limit=0")), 400, "INVALID_REQUEST");
    assertError(
        Http.get(ItServer.url("/queues/" + q + "/dead-letters?limit=many")),
        400,
        "INVALID_REQUEST");
  }

  @Test
  void when_aPayloadIsOver256KiB_then_413_andAnUnknownQueueIs404() {
    String q = queue();
    String big = "{\"payload\":\"" + "x".repeat(256 * 1024) + "\"}";
    assertError(post("/queues/" + q + "/messages", big), 413, "PAYLOAD_TOO_LARGE");
    assertError(Http.get(ItServer.url("/queues/" + q)), 404, "NOT_FOUND");
  }

  @Test
  void when_deliveriesAreNacked_then_theyComeBack_andDeadLettersAreListedAndRedriven() {
    String q = queue();
    ok(post("/queues/" + q + "/messages", "{\"payload\":\"p\"}"), 201);
    String receipt =
        ok(post("/queues/" + q + "/consume", "{\"consumer\":\"c\"}"), 200)
            .getJsonArray("messages")
            .getJsonObject(0)
            .getString("receipt");
    JsonObject nacked =
        ok(post("/queues/" + q + "/nack", "{\"receipts\":[\"" + receipt + "\"]}"), 200);
    assertThat(nacked.getInt("nacked")).isEqualTo(1);
    JsonObject again =
        ok(post("/queues/" + q + "/consume", "{\"consumer\":\"c\"}"), 200)
            .getJsonArray("messages")
            .getJsonObject(0);
    assertThat(again.getInt("deliveries")).isEqualTo(2);

    JsonObject dead = ok(Http.get(ItServer.url("/queues/" + q + "/dead-letters")), 200);
    assertThat(dead.getInt("total")).isZero();
    assertThat(dead.getJsonArray("messages")).isEmpty();
    JsonObject redriven = ok(post("/queues/" + q + "/dead-letters/redrive", null), 200);
    assertThat(redriven.getInt("redriven")).isZero();
  }

  @Test
  void when_aSlowConsumerExtendsOneDelivery_then_onlyTheOtherComesBack_andTheReceiptStillAcks() {
    String q = queue();
    ok(
        post(
            "/queues/" + q + "/messages",
            "{\"messages\":[{\"payload\":\"slow\"},{\"payload\":\"fast\"}]}"),
        201);
    JsonArray delivered =
        ok(
                post(
                    "/queues/" + q + "/consume",
                    "{\"consumer\":\"c\",\"max\":2,\"visibilityMs\":1000}"),
                200)
            .getJsonArray("messages");
    assertThat(delivered).hasSize(2);
    String slow = receiptOf(delivered, "slow");
    JsonObject extended =
        ok(
            post(
                "/queues/" + q + "/extend",
                "{\"receipts\":[\"" + slow + "\",\"0-99.unknown\"],\"visibilityMs\":60000}"),
            200);
    assertThat(extended.getInt("extended")).as("only the receipt in flight").isEqualTo(1);

    // The other delivery's visibility runs out and it comes back; the extended one does not.
    Eventually.eventually(
        Duration.ofSeconds(20),
        () -> {
          JsonArray again =
              ok(
                      post(
                          "/queues/" + q + "/consume",
                          "{\"consumer\":\"c\",\"max\":2,\"waitMs\":1000}"),
                      200)
                  .getJsonArray("messages");
          for (JsonValue m : again) {
            assertThat(m.asJsonObject().getString("payload")).as("redelivered").isEqualTo("fast");
          }
          assertThat(again).as("the fast one back").isNotEmpty();
        });
    JsonObject acked = ok(post("/queues/" + q + "/ack", "{\"receipts\":[\"" + slow + "\"]}"), 200);
    assertThat(acked.getInt("acked")).as("the extended receipt still acks").isEqualTo(1);
    assertThat(
            ok(
                    post(
                        "/queues/" + q + "/extend",
                        "{\"receipts\":[\"" + slow + "\"],\"visibilityMs\":1000}"),
                    200)
                .getInt("extended"))
        .as("an acked delivery is not brought back")
        .isZero();
    assertError(
        post("/queues/" + q + "/extend", "{\"receipts\":[\"" + slow + "\"]}"),
        400,
        "INVALID_REQUEST");
    assertError(
        post("/queues/" + q + "/extend", "{\"receipts\":[\"" + slow + "\"],\"visibilityMs\":50}"),
        400,
        "INVALID_REQUEST");
  }

  private static String receiptOf(JsonArray messages, String payload) {
    for (JsonValue m : messages) {
      if (m.asJsonObject().getString("payload").equals(payload)) {
        return m.asJsonObject().getString("receipt");
      }
    }
    throw new AssertionError("no " + payload + " in " + messages);
  }

  @Test
  void when_theRingAndStatusAreAsked_then_theyShowThisNodeOwningThePartitions_andMetricsExist() {
    String q = queue();
    ok(post("/queues/" + q + "/messages", "{\"payload\":1}"), 201);

    JsonObject ring = ok(Http.get(ItServer.url("/queues/ring")), 200);
    assertThat(ring.getString("nodeId")).isEqualTo("it1");
    assertThat(ring.getInt("virtualNodes")).isPositive();
    JsonObject member = ring.getJsonArray("members").getJsonObject(0);
    assertThat(member.getString("id")).isEqualTo("it1");
    assertThat(member.getBoolean("live")).isTrue();
    assertThat(member.getJsonArray("partitions").getValuesAs(JsonValue::toString))
        .contains("\"" + q + "/0\"");
    assertThat(ring.getJsonArray("shards").getJsonObject(0).getString("id"))
        .startsWith("redis://localhost:");

    JsonObject status = ok(Http.get(ItServer.url("/status")), 200);
    JsonObject queueFigures = status.getJsonObject("queue");
    assertThat(queueFigures.getInt("queues")).isPositive();
    assertThat(queueFigures.getInt("partitionsPerQueue")).isEqualTo(1);
    assertThat(queueFigures.getJsonArray("liveMembers").getString(0)).isEqualTo("it1");

    String metrics = Http.get(ItServer.url("/metrics")).body();
    assertThat(metrics)
        .contains("queue_produced_total{")
        .as("no series is labelled with a queue that QUEUE_METRICS_FOR does not name")
        .doesNotContain("queue=\"" + q + "\"");
  }
}
