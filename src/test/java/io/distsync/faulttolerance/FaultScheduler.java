package io.distsync.faulttolerance;

import io.distsync.testing.Http;
import io.distsync.testing.LibertyNode;
import io.distsync.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Injects one fault after another into a {@link TestCluster}, at random times (a fault every {@code
 * meanGap} on average) and on random targets drawn from one seeded {@link Random}, and undoes each
 * after a few seconds: kill -9 of a node (then its restart), SIGSTOP of a node (then SIGCONT), a
 * cut between two nodes, a delayed link, kill -9 of the Redis primary (then its restart as a
 * replica). Faults overlap; at most one node is down (killed and not yet ready again, or paused) at
 * a time, so a majority stays up between faults of other kinds. Every step is written to the
 * schedule with its time, for a failing run to show and a rerun with the same seed to replay.
 */
final class FaultScheduler {
  private static final Logger LOG = Logger.getLogger(FaultScheduler.class.getName());
  private static final long TICK_MS = 100;
  private static final java.util.Set<Kind> NODE_FAULTS =
      java.util.EnumSet.of(Kind.KILL_NODE, Kind.PAUSE_NODE, Kind.FILL_DISK);

  enum Kind {
    KILL_NODE,
    PAUSE_NODE,
    CUT_LINK,
    DELAY_LINK,
    KILL_REDIS_PRIMARY,
    FILL_DISK
  }

  /** The Redis primary as a fault target: killed with kill -9, started again later. */
  interface RedisPrimary {
    /** kill -9 of the current primary; answers what was killed. */
    String kill();

    /** Starts what {@link #kill()} killed, with its data. */
    void restart();
  }

  private final TestCluster cluster;
  private final RedisPrimary redis;
  private final Random random;
  private final long seed;
  private final long meanGapMs;
  private final List<Kind> kinds;
  private final List<String> schedule = Collections.synchronizedList(new ArrayList<>());
  private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
  private final List<Long> restartToReadyMs = Collections.synchronizedList(new ArrayList<>());
  private final List<Pending> pending = new ArrayList<>();
  private long startNanos;
  private LibertyNode down; // killed (until ready again) or paused
  private long restartedAt;
  private boolean redisDown;

  private record Pending(long atMs, String what, Runnable undo) {}

  FaultScheduler(
      TestCluster cluster, RedisPrimary redis, boolean disks, long seed, Duration meanGap) {
    this.cluster = cluster;
    this.redis = redis;
    this.seed = seed;
    this.random = new Random(seed);
    this.meanGapMs = meanGap.toMillis();
    List<Kind> k = new ArrayList<>(List.of(Kind.values()));
    if (redis == null) {
      k.remove(Kind.KILL_REDIS_PRIMARY);
    }
    if (!disks) {
      k.remove(Kind.FILL_DISK);
    }
    this.kinds = List.copyOf(k);
  }

  /**
   * Runs faults for {@code total} on the calling thread, then undoes every fault still in force and
   * waits (up to {@code settle}) until every node is ready again.
   */
  void run(Duration total, Duration settle) {
    startNanos = System.nanoTime();
    note("seed " + seed + ", a fault every " + meanGapMs + " ms on average, kinds " + kinds);
    long end = startNanos + total.toNanos();
    long nextFault = now() + gap();
    while (System.nanoTime() < end) {
      undoDue();
      watchRestart();
      if (now() >= nextFault) {
        inject();
        nextFault = now() + gap();
      }
      LockSupport.parkNanos(Duration.ofMillis(TICK_MS).toNanos());
    }
    note("faults end; undoing " + pending.size() + " still in force");
    for (Pending p : List.copyOf(pending)) {
      undo(p);
    }
    long deadline = System.nanoTime() + settle.toNanos();
    while (down != null && System.nanoTime() < deadline) {
      watchRestart();
      LockSupport.parkNanos(Duration.ofMillis(TICK_MS).toNanos());
    }
  }

  /** A gap to the next fault: uniform between half and one and a half times the mean. */
  private long gap() {
    return meanGapMs / 2 + (long) (random.nextDouble() * meanGapMs);
  }

  /** How long a fault stays: 2 to 6 s. */
  private long duration() {
    return 2_000 + random.nextInt(4_000);
  }

  private void inject() {
    // A node fault while a node is down, or a Redis kill while Redis is down, becomes a fault of
    // another kind: the rate stays what was asked.
    List<Kind> possible =
        kinds.stream()
            .filter(k -> down == null || !NODE_FAULTS.contains(k))
            .filter(k -> !redisDown || k != Kind.KILL_REDIS_PRIMARY)
            .toList();
    Kind kind = possible.get(random.nextInt(possible.size()));
    int size = cluster.nodes().size();
    int a = 1 + random.nextInt(size);
    int b = 1 + (a + random.nextInt(size - 1)) % size;
    long lasts = duration();
    switch (kind) {
      case KILL_NODE, PAUSE_NODE -> {
        LibertyNode node = cluster.node(a);
        down = node;
        if (kind == Kind.KILL_NODE) {
          node.kill();
          later(lasts, "restart " + node.id(), () -> restart(node));
        } else {
          node.pause();
          later(lasts, "SIGCONT " + node.id(), () -> resume(node));
        }
        note(
            (kind == Kind.KILL_NODE ? "kill -9 " : "SIGSTOP ")
                + node.id()
                + " for "
                + lasts
                + " ms");
      }
      case FILL_DISK -> {
        LibertyNode node = cluster.node(a);
        down = node;
        long bytes = node.fillDisk();
        note("fill " + node.id() + "'s disk (" + bytes / 1024 + " KiB) for " + lasts + " ms");
        later(lasts, "free " + node.id() + "'s disk", () -> freeDisk(node));
      }
      case CUT_LINK -> {
        cluster.partition(a, b);
        note("cut node" + a + " <-> node" + b + " for " + lasts + " ms");
        later(lasts, "heal node" + a + " <-> node" + b, () -> healPair(a, b));
      }
      case DELAY_LINK -> {
        long ms = 100 + random.nextInt(400);
        cluster.link(a, b).delay(ms);
        note("delay node" + a + " -> node" + b + " by " + ms + " ms for " + lasts + " ms");
        later(lasts, "undelay node" + a + " -> node" + b, () -> cluster.link(a, b).delay(0));
      }
      case KILL_REDIS_PRIMARY -> {
        redisDown = true;
        note("kill -9 Redis primary " + redis.kill() + ", back in " + lasts + " ms");
        later(
            lasts,
            "restart the killed Redis",
            () -> {
              redis.restart();
              redisDown = false;
            });
      }
    }
    counts.merge(kind, 1, Integer::sum);
  }

  private void healPair(int a, int b) {
    cluster.link(a, b).heal();
    cluster.link(b, a).heal();
  }

  private void restart(LibertyNode node) {
    node.start();
    restartedAt = System.nanoTime();
  }

  /**
   * Frees the disk; a node whose Raft engine stopped on the full disk reports itself not live and
   * is restarted, as an orchestrator restarts a container whose liveness fails.
   */
  private void freeDisk(LibertyNode node) {
    node.freeDisk();
    int live = Http.statusOf(node.url() + "/health/live");
    if (live == 200) {
      down = null;
      return;
    }
    note(node.id() + " is not live (" + live + ") after its disk filled: restart it");
    node.kill();
    restart(node);
  }

  private void resume(LibertyNode node) {
    node.resume();
    if (down == node) {
      down = null;
    }
  }

  /** A restarted node counts as down until it answers ready. */
  private void watchRestart() {
    LibertyNode node = down;
    if (node == null || restartedAt == 0 || node.isPaused()) {
      return;
    }
    if (node.isRunning() && node.isReady()) {
      long ms = (System.nanoTime() - restartedAt) / 1_000_000;
      restartToReadyMs.add(ms);
      note(node.id() + " ready " + ms + " ms after its restart");
      down = null;
      restartedAt = 0;
    }
  }

  private void later(long inMs, String what, Runnable undo) {
    pending.add(new Pending(now() + inMs, what, undo));
  }

  private void undoDue() {
    long t = now();
    for (Pending p : List.copyOf(pending)) {
      if (p.atMs() <= t) {
        undo(p);
      }
    }
  }

  private void undo(Pending p) {
    pending.remove(p);
    p.undo().run();
    note(p.what());
  }

  private long now() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private void note(String what) {
    String line = String.format("+%7.1f s  %s", now() / 1000.0, what);
    schedule.add(line);
    LOG.info("[chaos] " + line);
  }

  List<String> schedule() {
    synchronized (schedule) {
      return List.copyOf(schedule);
    }
  }

  Map<Kind, Integer> counts() {
    return Map.copyOf(counts);
  }

  /** How long each restarted node took to answer ready. */
  List<Long> restartToReadyMs() {
    synchronized (restartToReadyMs) {
      return List.copyOf(restartToReadyMs);
    }
  }

  /** Whether a node is still down after the settle time. */
  String stillDown() {
    return down == null ? null : down.id();
  }
}
