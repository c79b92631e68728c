package io.distsync.it;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * What bounds the cost of queue names, on the build's single server: listings come in pages (the
 * {@code Next-Cursor} and {@code Link} headers), a queue can be purged and deleted, a new queue
 * past {@code QUEUE_MAX_QUEUES} (400 on this server) is 429 {@code LIMIT_EXCEEDED}, and {@code
 * /metrics} keeps the same series however many queues exist (only {@code QUEUE_METRICS_FOR} queues
 * have gauges of their own).
 */
class QueueLifecycleIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static Reply send(String method, String path, String body) {
    return Http.sendJson(method, ItServer.url(path), body, TIMEOUT);
  }

  private static void produce(String queue, String payload) {
    Reply r = send("POST", "/queues/" + queue + "/messages", "{\"payload\":" + payload + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static void assertError(Reply r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(((JsonObject) r.json()).getString("error")).isEqualTo(code);
  }

  private static List<String> names(Reply r) {
    List<String> out = new ArrayList<>();
    for (JsonValue v : (JsonArray) r.json()) {
      out.add(v.asJsonObject().getString("queue"));
    }
    return out;
  }

  /** Every queue name, page by page, following {@code Next-Cursor}. */
  private static List<String> allNames(int limit) {
    List<String> all = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 10_000; page++) {
      Reply r =
          Http.get(
              ItServer.url(
                  "/queues?limit="
                      + limit
                      + (cursor == null
                          ? ""
                          : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))),
              TIMEOUT);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      List<String> names = names(r);
      assertThat(names).hasSizeLessThanOrEqualTo(limit);
      all.addAll(names);
      cursor = r.header("Next-Cursor");
      if (cursor == null) {
        assertThat(r.header("Link")).isNull();
        return all;
      }
      assertThat(names).hasSize(limit);
      assertThat(r.header("Link")).contains("rel=\"next\"").contains("cursor=");
    }
    throw new AssertionError("paging did not end");
  }

  @Test
  void when_queuesAreListedInPages_then_everyQueueComesOnce_inNameOrder() {
    String t = tag();
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String q = "page-" + t + "-" + i;
      produce(q, String.valueOf(i));
      mine.add(q);
    }
    List<String> all = allNames(3);
    assertThat(all).doesNotHaveDuplicates().isSorted();
    assertThat(all).containsSubsequence(mine);

    Reply first = Http.get(ItServer.url("/queues"), TIMEOUT);
    assertThat(names(first)).hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void when_aListingAsksForABadPage_then_itIs400() {
    assertError(Http.get(ItServer.url("/queues?limit=0"), TIMEOUT), 400, "INVALID_REQUEST");
    assertError(Http.get(ItServer.url("/queues?limit=1001"), TIMEOUT), 400, "INVALID_REQUEST");
    assertError(Http.get(ItServer.url("/queues?limit=abc"), TIMEOUT), 400, "INVALID_REQUEST");
    assertError(Http.get(ItServer.url("/queues?cursor=%25%25"), TIMEOUT), 400, "INVALID_REQUEST");
  }

  @Test
  void when_aQueueIsPurged_then_itsMessagesGo_andTheQueueStays() {
    String q = "purge-" + tag();
    produce(q, "1");
    produce(q, "2");
    Reply consumed =
        send("POST", "/queues/" + q + "/consume", "{\"consumer\":\"c\",\"visibilityMs\":60000}");
    String receipt =
        ((JsonObject) consumed.json())
            .getJsonArray("messages")
            .getJsonObject(0)
            .getString("receipt");

    Reply purged = send("POST", "/queues/" + q + "/purge", null);
    assertThat(purged.status()).as(purged.body()).isEqualTo(200);
    assertThat(((JsonObject) purged.json()).getInt("purged")).isEqualTo(2);

    JsonObject stats = (JsonObject) Http.get(ItServer.url("/queues/" + q), TIMEOUT).json();
    assertThat(stats.getInt("ready")).isZero();
    assertThat(stats.getInt("inFlight")).isZero();
    assertThat(stats.getInt("produced")).isEqualTo(2);
    Reply ack = send("POST", "/queues/" + q + "/ack", "{\"receipts\":[\"" + receipt + "\"]}");
    assertThat(((JsonObject) ack.json()).getInt("acked")).isZero();

    assertError(send("POST", "/queues/none-" + tag() + "/purge", null), 404, "NOT_FOUND");
  }

  @Test
  void when_aQueueIsDeleted_then_itIsGoneFromEveryView_andAProduceMakesItAgain() {
    String q = "delete-" + tag();
    produce(q, "1");
    assertThat(Http.get(ItServer.url("/queues/" + q), TIMEOUT).status()).isEqualTo(200);

    Reply deleted = send("DELETE", "/queues/" + q, null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    assertError(Http.get(ItServer.url("/queues/" + q), TIMEOUT), 404, "NOT_FOUND");
    assertThat(allNames(1000)).doesNotContain(q);
    assertError(send("DELETE", "/queues/" + q, null), 404, "NOT_FOUND");

    produce(q, "2");
    JsonObject stats = (JsonObject) Http.get(ItServer.url("/queues/" + q), TIMEOUT).json();
    assertThat(stats.getInt("ready")).isEqualTo(1);
    assertThat(stats.getInt("produced")).as("a new queue starts from nothing").isEqualTo(1);
  }

  @Test
  void when_theQueueCapIsReached_then_aNewQueueIs429_andKnownQueuesGoOn_andMetricsStayTheSame() {
    String t = tag();
    String metricsBefore = Http.get(ItServer.url("/metrics"), TIMEOUT).body();
    String known = "cap-known-" + t;
    produce(known, "0");
    List<String> made = new ArrayList<>();
    try {
      int existing = allNames(1000).size();
      for (int i = existing; i < 400; i++) {
        String q = "cap-" + t + "-" + i;
        produce(q, "1");
        made.add(q);
      }
      Reply refused = send("POST", "/queues/cap-over-" + t + "/messages", "{\"payload\":\"x\"}");
      assertError(refused, 429, "LIMIT_EXCEEDED");
      assertThat(((JsonObject) refused.json()).getString("message")).contains("QUEUE_MAX_QUEUES");
      produce(known, "1");

      String metricsAfter = Http.get(ItServer.url("/metrics"), TIMEOUT).body();
      assertThat(seriesOf(metricsAfter, "queue_"))
          .as("queue series with %s more queues", made.size())
          .isEqualTo(seriesOf(metricsBefore, "queue_"));
    } finally {
      made.forEach(q -> send("DELETE", "/queues/" + q, null));
      send("DELETE", "/queues/" + known, null);
    }
    produce("cap-after-" + t, "1");
    send("DELETE", "/queues/cap-after-" + t, null);
  }

  @Test
  void when_aQueueIsWatched_then_itAloneHasDepthGauges() {
    produce("watched-it", "1");
    String other = "unwatched-" + tag();
    produce(other, "1");
    eventually(
        TIMEOUT,
        () -> {
          String metrics = Http.get(ItServer.url("/metrics"), TIMEOUT).body();
          assertThat(metrics).containsPattern("queue_depth\\{[^}]*queue=\"watched-it\"");
          assertThat(metrics).doesNotContain("queue=\"" + other + "\"");
        });
  }

  /** The number of series whose name starts with {@code prefix}. */
  private static long seriesOf(String metrics, String prefix) {
    return metrics.lines().filter(l -> l.startsWith(prefix)).count();
  }

  /** Lua script calls Redis has run ({@code cmdstat_evalsha} and {@code cmdstat_eval}). */
  private static long scriptCalls(RedisClient redis) {
    long n = 0;
    for (String line : redis.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        String calls = line.substring(line.indexOf("calls=") + 6);
        n += Long.parseLong(calls.substring(0, calls.indexOf(',')));
      }
    }
    return n;
  }

  @Test
  void when_consumersWaitOnAnEmptyQueue_then_RedisIsNotAskedUntilAMessageComes() throws Exception {
    int port = Integer.parseInt(System.getProperty("it.redis.port"));
    try (RedisClient redis =
        RedisClient.builder()
            .hostAndPort(new HostAndPort("localhost", port))
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(2000)
                    .socketTimeoutMillis(2000)
                    .build())
            .build()) {
      String q = "idle-" + tag();
      int waiting = 20;
      long before = scriptCalls(redis);
      List<CompletableFuture<Reply>> polls = new ArrayList<>();
      for (int i = 0; i < waiting; i++) {
        polls.add(
            CompletableFuture.supplyAsync(
                () ->
                    send(
                        "POST",
                        "/queues/" + q + "/consume",
                        "{\"consumer\":\"c\",\"waitMs\":2500}")));
      }
      for (var p : polls) {
        assertThat(((JsonObject) p.get().json()).getJsonArray("messages")).isEmpty();
      }
      long calls = scriptCalls(redis) - before;
      // Each poll tries twice when it starts and once at its deadline; polling every 50 ms
      // would be about 50 tries each. The background pass adds a few calls a second.
      assertThat(calls).as("script calls for %d idle long polls", waiting).isLessThan(waiting * 5);

      long beforePoll = scriptCalls(redis);
      CompletableFuture<Reply> poll =
          CompletableFuture.supplyAsync(
              () ->
                  send(
                      "POST",
                      "/queues/" + q + "/consume",
                      "{\"consumer\":\"c\",\"waitMs\":15000}"));
      // Produce only once the poll made its two first tries and waits: no try is due before its
      // deadline, so only the signal of the produce can hand it the message.
      eventually(TIMEOUT, "the poll waits", () -> scriptCalls(redis) >= beforePoll + 2);
      produce(q, "\"woken\"");
      JsonArray got = ((JsonObject) poll.get().json()).getJsonArray("messages");
      assertThat(got).hasSize(1);
    }
  }
}
