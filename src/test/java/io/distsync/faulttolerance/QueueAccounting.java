package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.QueueApi;
import io.distsync.testing.Serving;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Producers and consumers on one queue through the nodes clients use now, keeping the books: every
 * message whose produce answered 201 must be consumed (and acked) in the end; a produce that got no
 * 201 may or may not have stored its message, so it is only counted. Failures other than a 503 with
 * {@code Retry-After} are kept for the test to show.
 */
final class QueueAccounting {
  private static final Logger LOG = Logger.getLogger(QueueAccounting.class.getName());
  private static final long VISIBILITY_MS = 10_000;

  private final Serving targets;
  private final String queue;
  private final List<Thread> threads = new ArrayList<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<String> consumed = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> unexpectedAnswers = new ConcurrentLinkedQueue<>();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  // payload -> "id via node at +t" of its 201, to explain a message that never came
  private final Map<String, String> produced = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();
  // payload -> System.nanoTime() when the ack that took it answered
  private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private volatile Availability availability = new Availability();
  private final AtomicInteger unanswered = new AtomicInteger();
  private volatile boolean producing = true;
  private volatile boolean consuming = true;

  QueueAccounting(Serving targets, String queue, int producers, int consumers) {
    this.targets = targets;
    this.queue = queue;
    for (int p = 0; p < producers; p++) {
      String name = "producer" + p;
      threads.add(new Thread(() -> produce(name), "queue-" + name));
    }
    for (int c = 0; c < consumers; c++) {
      String name = "consumer" + c;
      threads.add(new Thread(() -> consume(name), "queue-" + name));
    }
    threads.forEach(t -> t.setDaemon(true));
  }

  void start() {
    threads.forEach(Thread::start);
  }

  int acknowledged() {
    return acknowledged.size();
  }

  List<String> unexpectedFailures() {
    return List.copyOf(unexpected);
  }

  /** Answers other than a 503 with {@code Retry-After}; requests with no answer are not in it. */
  List<String> unexpectedAnswers() {
    return List.copyOf(unexpectedAnswers);
  }

  /** Records every answered produce and consume in {@code a}. */
  QueueAccounting tracking(Availability a) {
    this.availability = a;
    return this;
  }

  /**
   * Deliveries that break the contract: a message delivered by a consume that began after an ack of
   * it had answered (every receipt of that ack acknowledged a delivery), or one no producer sent.
   */
  List<String> violations() {
    return List.copyOf(violations);
  }

  private <T> T onRandomNode(Function<QueueApi, T> call) {
    return targets.call(node -> call.apply(QueueApi.of(node)));
  }

  private void produce(String producer) {
    for (int i = 0; producing; i++) {
      String payload = producer + ":" + i;
      String body = Json.createObjectBuilder().add("payload", payload).build().toString();
      sent.add(payload);
      try {
        String[] via = new String[1];
        Http.Reply r =
            targets.call(
                node -> {
                  via[0] = node.id();
                  return QueueApi.of(node)
                      .post("/queues/" + queue + "/messages", body, QueueApi.READ);
                });
        if (r.status() == 201) {
          acknowledged.add(payload);
          produced.put(
              payload,
              String.format(
                  "%s via %s at +%.1f s",
                  ((JsonObject) r.json()).getString("id", "?"),
                  via[0],
                  (System.nanoTime() - startNanos) / 1e9));
          availability.ok(Availability.QUEUE);
        } else {
          note("produce", r);
        }
      } catch (RuntimeException e) {
        unanswered.incrementAndGet();
        unexpected.add("produce " + payload + ": " + e);
      }
    }
  }

  private void consume(String consumer) {
    String body =
        Json.createObjectBuilder()
            .add("consumer", consumer)
            .add("max", 20)
            .add("visibilityMs", VISIBILITY_MS)
            .add("waitMs", 500)
            .build()
            .toString();
    while (consuming) {
      try {
        // The consume and its ack go to the same node, drained together before it stops.
        targets.call(node -> consumeOnce(QueueApi.of(node), body));
      } catch (RuntimeException | AssertionError e) {
        // Not acked: the message comes back after its visibility; the drain waits for it.
        unexpected.add("consume: " + e);
      }
    }
  }

  private Void consumeOnce(QueueApi via, String body) {
    long began = System.nanoTime();
    Http.Reply r = via.post("/queues/" + queue + "/consume", body, QueueApi.READ);
    if (r.status() != 200) {
      note("consume", r);
      return null;
    }
    availability.ok(Availability.QUEUE);
    List<String> receipts = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    for (JsonValue v : ((JsonObject) r.json()).getJsonArray("messages")) {
      JsonObject m = v.asJsonObject();
      receipts.add(m.getString("receipt"));
      payloads.add(((JsonString) m.get("payload")).getString());
    }
    for (String p : payloads) {
      Long acked = ackedAt.get(p);
      if (acked != null && acked < began) {
        violations.add(p + " delivered again after its ack answered");
      }
      if (!sent.contains(p)) {
        violations.add(p + " delivered, but no producer sent it");
      }
    }
    // Delivered now: an ack whose answer is lost may still have been applied, and then the
    // message never comes again. One not acked comes back, which the drain's empty queue proves.
    consumed.addAll(payloads);
    if (!receipts.isEmpty()) {
      String acks =
          Json.createObjectBuilder()
              .add("receipts", Json.createArrayBuilder(receipts))
              .build()
              .toString();
      Http.Reply a = via.post("/queues/" + queue + "/ack", acks, QueueApi.READ);
      if (a.status() != 200) {
        note("ack", a);
        return null;
      }
      long answered = System.nanoTime();
      if (((JsonObject) a.json()).getInt("acked") == receipts.size()) {
        payloads.forEach(p -> ackedAt.putIfAbsent(p, answered));
      }
    }
    return null;
  }

  private void note(String what, Http.Reply r) {
    if (r.status() != 503 || r.header("Retry-After") == null) {
      unexpected.add(what + ": " + r.status() + " " + r.body());
      unexpectedAnswers.add(what + ": " + r.status() + " " + r.body());
    }
  }

  /**
   * Stops producing; the consumers go on until every acknowledged message was delivered and the
   * queue holds nothing ready, delayed or in flight.
   */
  void drain(Duration within) throws InterruptedException {
    producing = false;
    try {
      eventually(
          within,
          () -> {
            assertThat(acknowledged)
                .as("acknowledged messages not consumed yet")
                .allMatch(consumed::contains);
            // and nothing left behind: every delivery acked or delivered again and acked
            JsonObject stats = targets.call(node -> QueueApi.of(node).stats(queue));
            assertThat(stats.getInt("ready") + stats.getInt("delayed") + stats.getInt("inFlight"))
                .as("messages still in %s: %s", queue, stats)
                .isZero();
          });
    } catch (AssertionError e) {
      List<String> missing =
          acknowledged.stream()
              .filter(p -> !consumed.contains(p))
              .sorted()
              .map(p -> p + ": " + produced.get(p))
              .toList();
      String stats;
      try {
        stats = targets.call(node -> QueueApi.of(node).stats(queue)).toString();
      } catch (RuntimeException | AssertionError s) {
        stats = "stats unavailable: " + s;
      }
      throw new AssertionError(
          missing.size() + " acknowledged messages never consumed: " + missing + "; queue " + stats,
          e);
    }
    consuming = false;
    for (Thread t : threads) {
      t.join(QueueApi.READ.toMillis() * 2);
      assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
    }
    LOG.info(
        String.format(
            "[QueueAccounting] %s: %d acknowledged, %d consumed, %d produces unanswered",
            queue, acknowledged.size(), consumed.size(), unanswered.get()));
  }
}
