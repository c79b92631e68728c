package io.distsync.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http.Reply;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A hot key on three real nodes: ten clients per node write one key in closed loops for a few
 * seconds while one client per node reads it. Contended writes must be served in turn, not refused:
 * no write is answered 503 {@code CACHE_BUSY} (the lock wait of a writer that kept losing a race)
 * unless the box was so starved that a node lost its lease (503 {@code NO_QUORUM}), every client of
 * a node gets its turn (the least served gets more than a tenth of what the node's most served
 * client got), and the coherence check holds over every answer (no read older than a write that
 * completed before it began, no read older than an earlier read).
 */
final class HotKeyStory {
  private static final int WRITERS_PER_NODE = 10;
  private static final Duration RUN = Duration.ofSeconds(5);

  private HotKeyStory() {}

  static void run(String key, String writerState) throws InterruptedException {
    CacheHistory history = new CacheHistory();
    CacheStories.write(history, 1, key, "\"init\"");
    AtomicLongArray served = new AtomicLongArray(3 * WRITERS_PER_NODE);
    Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    AtomicLong seq = new AtomicLong();
    long until = System.nanoTime() + RUN.toNanos();
    ExecutorService clients = Executors.newFixedThreadPool(3 * WRITERS_PER_NODE + 3);
    try {
      for (int c = 0; c < 3 * WRITERS_PER_NODE; c++) {
        int client = c;
        int node = c % 3 + 1;
        clients.submit(
            () -> {
              while (System.nanoTime() < until) {
                String value = "\"c" + client + "-" + seq.incrementAndGet() + "\"";
                String outcome = write(history, node, key, value);
                if (outcome == null) {
                  served.incrementAndGet(client);
                } else {
                  refusals.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                }
              }
            });
      }
      for (int n = 1; n <= 3; n++) {
        int node = n;
        clients.submit(
            () -> {
              while (System.nanoTime() < until) {
                CacheStories.read(history, node, key);
              }
            });
      }
    } finally {
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    long[] counts = new long[served.length()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = served.get(i);
    }
    long most = Arrays.stream(counts).max().orElseThrow();
    long fewest = Arrays.stream(counts).min().orElseThrow();
    CacheStories.LOG.info(
        String.format(
            "hot key (%s): %d writes answered 200, per client %d..%d, %d reads, refusals %s",
            writerState,
            history.count(true, 200),
            fewest,
            most,
            history.count(false, 200),
            new TreeMap<>(refusals)));
    if (refusals.keySet().stream().noneMatch(r -> r.contains("NO_QUORUM"))) {
      // A box so starved that nodes lost their leases may also keep a key waiting past the
      // request timeout; on a box that kept every lease, a contended write is never refused.
      assertThat(refusals.keySet()).as("refused writes").noneMatch(r -> r.contains("CACHE_BUSY"));
    }
    assertThat(history.violations()).isEmpty();
    // Clients of one node share its lease: a node that lost it for a while (503 NO_QUORUM on a
    // starved box) refuses all of its clients alike. Within a node, the line is first come first
    // served, so no client of a serving node may be left behind.
    for (int node = 0; node < 3; node++) {
      long nodeMost = 0;
      long nodeFewest = Long.MAX_VALUE;
      for (int c = node; c < counts.length; c += 3) {
        nodeMost = Math.max(nodeMost, counts[c]);
        nodeFewest = Math.min(nodeFewest, counts[c]);
      }
      if (nodeMost > 0) {
        assertThat(nodeFewest)
            .as("writes of node%d's least served client (its most served: %d)", node + 1, nodeMost)
            .isGreaterThan(nodeMost / 10);
      }
    }
    assertThat(most).as("writes answered").isPositive();
    assertThat(history.count(false, 200)).as("reads answered").isPositive();
  }

  /** One write, recorded; null when answered 200, else the status and error code. */
  private static String write(CacheHistory history, int node, String key, String value) {
    long start = System.nanoTime();
    int status = -1;
    long version = 0;
    String outcome = "no answer";
    try {
      Reply r = CacheStories.put(node, key, value);
      status = r.status();
      if (status == 200) {
        version = CacheStories.json(r).getJsonNumber("version").longValue();
        outcome = null;
      } else {
        outcome = status + " " + CacheStories.json(r).getString("error", "?");
      }
    } catch (UncheckedIOException e) {
      // no answer: outcome unknown
    }
    history.add(
        new CacheHistory.Op(true, node, key, start, System.nanoTime(), status, value, version));
    return outcome;
  }
}
