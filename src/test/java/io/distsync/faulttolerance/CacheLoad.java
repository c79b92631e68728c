package io.distsync.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.LibertyNode;
import io.distsync.testing.Serving;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cache writers and readers on a few keys through the nodes clients use, every operation recorded
 * in a {@link CacheHistory} for the coherence check (no read older than a write that answered
 * before it began). A request that gets no answer is recorded with status -1: its outcome is
 * unknown, so the check neither requires nor forbids its value.
 */
final class CacheLoad {
  private static final Duration READ = Duration.ofSeconds(10);

  private final Serving targets;
  private final List<String> keys;
  private final CacheHistory history = new CacheHistory();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong seq = new AtomicLong();
  private final ConcurrentLinkedQueue<String> unexpectedAnswers = new ConcurrentLinkedQueue<>();
  private volatile Availability availability = new Availability();
  private volatile boolean running = true;

  CacheLoad(Serving targets, List<String> keys, int writers, int readers, long seed) {
    this.targets = targets;
    this.keys = List.copyOf(keys);
    for (int w = 0; w < writers; w++) {
      Random random = new Random(seed + w);
      threads.add(new Thread(() -> loop(random, true), "cache-writer" + w));
    }
    for (int r = 0; r < readers; r++) {
      Random random = new Random(seed + 1000 + r);
      threads.add(new Thread(() -> loop(random, false), "cache-reader" + r));
    }
    threads.forEach(t -> t.setDaemon(true));
  }

  CacheLoad tracking(Availability a) {
    this.availability = a;
    return this;
  }

  /** Writes every key once (through any node, until one answers 200), then starts the load. */
  void start() {
    for (String key : keys) {
      io.distsync.testing.Eventually.eventually(
          READ,
          () ->
              assertThat(targets.<Integer>call(node -> write(node, key)).intValue())
                  .as("first write of %s", key)
                  .isEqualTo(200));
    }
    threads.forEach(Thread::start);
  }

  /**
   * Stops the load, then reads every key once on every node of {@code nodes}: these reads begin
   * after every write ended, so the check finds any acknowledged write that was lost.
   */
  void stop(Duration within, List<LibertyNode> nodes) throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(within.toMillis());
      assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
    }
    for (LibertyNode node : nodes) {
      for (String key : keys) {
        io.distsync.testing.Eventually.eventually(
            within,
            () -> {
              read(node, key);
              List<CacheHistory.Op> ops = history.ops();
              assertThat(ops.get(ops.size() - 1).status())
                  .as("final read of %s on %s", key, node.id())
                  .isEqualTo(200);
            });
      }
    }
  }

  CacheHistory history() {
    return history;
  }

  /** Answers other than 200 and a 503 with {@code Retry-After} (and a 404 of a read). */
  List<String> unexpectedAnswers() {
    return List.copyOf(unexpectedAnswers);
  }

  private void loop(Random random, boolean writer) {
    while (running) {
      String key = keys.get(random.nextInt(keys.size()));
      try {
        targets.call(node -> writer ? write(node, key) : read(node, key));
      } catch (RuntimeException e) {
        // recorded as unanswered by write/read; the node died or paused
      }
    }
  }

  private Integer write(LibertyNode node, String key) {
    String value = "\"" + node.id() + "-" + seq.incrementAndGet() + "\"";
    long start = System.nanoTime();
    int status = -1;
    long version = 0;
    try {
      Http.Reply r =
          Http.sendJson("PUT", node.url() + "/cache/" + key, "{\"value\":" + value + "}", READ);
      status = r.status();
      if (status == 200) {
        version = ((JsonObject) r.json()).getJsonNumber("version").longValue();
        availability.ok(Availability.CACHE);
      } else {
        note("put", r);
      }
      return status;
    } finally {
      history.add(
          new CacheHistory.Op(
              true, number(node), key, start, System.nanoTime(), status, value, version));
    }
  }

  private Void read(LibertyNode node, String key) {
    long start = System.nanoTime();
    int status = -1;
    String value = null;
    long version = 0;
    try {
      Http.Reply r = Http.get(node.url() + "/cache/" + key, READ);
      status = r.status();
      if (status == 200) {
        JsonObject body = (JsonObject) r.json();
        value = body.get("value").toString();
        version = body.getJsonNumber("version").longValue();
        availability.ok(Availability.CACHE);
      } else {
        // 404 too: every key was written before the load began, so a miss is a lost write
        note("get", r);
      }
      return null;
    } finally {
      history.add(
          new CacheHistory.Op(
              false, number(node), key, start, System.nanoTime(), status, value, version));
    }
  }

  private void note(String what, Http.Reply r) {
    if (r.status() != 503 || r.header("Retry-After") == null) {
      unexpectedAnswers.add(what + ": " + r.status() + " " + r.body());
    }
  }

  private static int number(LibertyNode node) {
    return Integer.parseInt(node.id().substring("node".length()));
  }
}
