package io.distsync.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.LockApi;
import io.distsync.testing.Serving;
import io.distsync.testing.TestCluster;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Clients that acquire one exclusive lock through random nodes, hold it briefly and release it, in
 * a loop, recording every critical section (from the grant's arrival to just before the release is
 * sent). Each acquire uses a fresh owner name, so a grant the client never heard of (its node died,
 * the answer was lost) is just a holder that expires.
 */
final class LockSafetyRun {
  private static final Logger LOG = Logger.getLogger(LockSafetyRun.class.getName());
  private static final long TTL_MS = 3_000;
  private static final long WAIT_MS = 2_000;
  // The lease is measured on the leader's clock, the answer on ours (one machine): a margin for
  // the time the answer took to come back.
  private static final long CLOCK_MARGIN_MS = 200;

  /** One critical section: its token, and its start and end on this JVM's monotonic clock. */
  record Section(long token, String owner, long startNanos, long endNanos, long expiresAt) {}

  private final Serving targets;
  private final String resource;
  private final long endAt;
  private volatile boolean stopped;
  private final List<Thread> clients = new ArrayList<>();
  private final ConcurrentLinkedQueue<Section> sections = new ConcurrentLinkedQueue<>();
  private final AtomicInteger conflicts = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger overstayed = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> unexpectedAnswers = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> lostGrants = new ConcurrentLinkedQueue<>();
  private final AtomicInteger noAnswer = new AtomicInteger();
  private volatile Availability availability = new Availability();

  LockSafetyRun(TestCluster cluster, String resource, int clients, Duration duration) {
    this(new Serving(cluster.nodes()), resource, clients, duration);
  }

  /** As above, sending each request to one of {@code targets} (the nodes clients use now). */
  LockSafetyRun(Serving targets, String resource, int clients, Duration duration) {
    this.targets = targets;
    this.resource = resource;
    this.endAt = System.nanoTime() + duration.toNanos();
    for (int i = 0; i < clients; i++) {
      String id = "client" + i;
      Thread t = new Thread(() -> loop(id), "lock-safety-" + id);
      t.setDaemon(true);
      this.clients.add(t);
    }
  }

  void start() {
    clients.forEach(Thread::start);
  }

  List<Section> sections() {
    return List.copyOf(sections);
  }

  /** Ends the run before its duration: the clients finish the section they are in. */
  void stop() {
    stopped = true;
  }

  /** Records every answered acquire in {@code a} (for the longest time without one). */
  LockSafetyRun tracking(Availability a) {
    this.availability = a;
    return this;
  }

  /**
   * The answers other than 200, 409 and a 503 with {@code Retry-After}: requests that got no answer
   * (a node killed or paused under them) are not in it.
   */
  List<String> unexpectedAnswers() {
    return List.copyOf(unexpectedAnswers);
  }

  /**
   * Grants the lock table did not keep: the release of a granted lock, answered before its lease
   * ended, found it not held (404). The release carries a {@code requestId}, so a retried release
   * whose first answer was lost gets that first answer, not a 404.
   */
  List<String> lostGrants() {
    return List.copyOf(lostGrants);
  }

  int noAnswer() {
    return noAnswer.get();
  }

  private boolean running() {
    return !stopped && System.nanoTime() < endAt;
  }

  /**
   * The acquires that failed otherwise than with a conflict (409) or a 503 with {@code Retry-After}
   * (no leader for a moment), and the requests that got no answer.
   */
  List<String> unexpectedFailures() {
    return List.copyOf(unexpected);
  }

  private <T> T onRandomNode(Function<LockApi, T> call) {
    return targets.call(node -> call.apply(LockApi.of(node)));
  }

  private void loop(String client) {
    int attempt = 0;
    while (running()) {
      String owner = client + "-" + attempt++;
      try {
        Http.Reply r =
            onRandomNode(api -> api.acquire(resource, owner, "exclusive", TTL_MS, WAIT_MS));
        if (r.status() == 409) {
          conflicts.incrementAndGet();
          availability.ok(Availability.LOCKS);
          continue;
        }
        if (r.status() != 200) {
          failures.incrementAndGet();
          if (r.status() != 503 || r.header("Retry-After") == null) {
            unexpected.add("acquire: " + r.status() + " " + r.body());
            unexpectedAnswers.add("acquire: " + r.status() + " " + r.body());
          }
          continue;
        }
        availability.ok(Availability.LOCKS);
        long start = System.nanoTime();
        JsonObject grant = r.json().asJsonObject();
        // The work done under the lock: brief, far inside the lease.
        LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        long end = System.nanoTime();
        long expiresAt = grant.getJsonNumber("expiresAt").longValue();
        if (System.currentTimeMillis() >= expiresAt) {
          overstayed.incrementAndGet(); // the lease ran out under the client: not a section
        } else {
          sections.add(
              new Section(
                  grant.getJsonNumber("fencingToken").longValue(), owner, start, end, expiresAt));
        }
        release(owner, grant.getJsonNumber("fencingToken").longValue(), expiresAt);
      } catch (RuntimeException e) {
        failures.incrementAndGet(); // a node killed under the request; try again elsewhere
        noAnswer.incrementAndGet();
        unexpected.add(e.toString());
      }
    }
  }

  private void release(String owner, long token, long expiresAt) {
    String requestId = "rel-" + owner;
    for (int tries = 0; tries < 5 && running(); tries++) {
      try {
        Http.Reply r = onRandomNode(api -> api.release(resource, owner, token, requestId));
        long answeredAt = System.currentTimeMillis();
        if (r.status() == 404 && answeredAt < expiresAt - CLOCK_MARGIN_MS) {
          lostGrants.add(owner + " token " + token + ": " + r.body());
        }
        if (r.status() == 200 || r.status() == 404) {
          return;
        }
        if (r.status() != 503 || r.header("Retry-After") == null) {
          unexpectedAnswers.add("release: " + r.status() + " " + r.body());
        }
      } catch (RuntimeException e) {
        // the node died; another one will do
        noAnswer.incrementAndGet();
      }
    }
  }

  void awaitEnd(Duration within) throws InterruptedException {
    for (Thread t : clients) {
      t.join(within.toMillis());
      assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
    }
  }

  /** No two critical sections overlap, and tokens increase in the order sections began. */
  void assertSafe() {
    List<Section> byStart = new ArrayList<>(sections);
    byStart.sort(Comparator.comparingLong(Section::startNanos));
    LOG.info(
        String.format(
            "[LockSafetyRun] %d critical sections, %d conflicts, %d failed requests, %d overstayed",
            byStart.size(), conflicts.get(), failures.get(), overstayed.get()));
    assertThat(byStart.size()).as("critical sections").isGreaterThan(100);
    for (int i = 1; i < byStart.size(); i++) {
      Section prev = byStart.get(i - 1);
      Section next = byStart.get(i);
      assertThat(next.startNanos())
          .as("%s began before %s ended", next, prev)
          .isGreaterThan(prev.endNanos());
      assertThat(next.token()).as("token of %s after %s", next, prev).isGreaterThan(prev.token());
    }
  }
}
