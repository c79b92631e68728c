package io.distsync.queue;

import io.distsync.cluster.NodeLog;
import io.distsync.queue.model.ConsumeReply;
import io.distsync.redis.RedisUnavailable;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Long-poll consumers. Rule: no server thread is parked for the wait, and a waiting consumer costs
 * nothing until a message arrives. A waiting consume is a {@link CompletableFuture} with one timer,
 * at its deadline; it tries again when {@link ReadySignals} hears that messages of its queue became
 * ready (as many waiters as messages). Only while a shard's signals are not heard do waiters fall
 * back to trying every {@link #POLL_MS} ms. A queue's line exists only while somebody waits on it.
 */
@ApplicationScoped
public class Waiters {
  private static final NodeLog LOG = NodeLog.of(Waiters.class);

  /** ms between two tries of one waiter while the ready signals are not heard. */
  static final long POLL_MS = 50;

  /** Only times the tries; they run on {@link #work}, never on the scheduler's few threads. */
  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "concurrent/distsync-queue")
  ManagedExecutorService work;

  private final Map<String, Queue<Waiter>> byQueue = new ConcurrentHashMap<>();
  private volatile ReadySignals signals;
  private volatile boolean stopping;

  /** The signals that wake waiters; until set (and while not healthy), waiters poll. */
  void signals(ReadySignals s) {
    this.signals = s;
  }

  private boolean signalled() {
    ReadySignals s = signals;
    return s != null && s.healthy();
  }

  /** Waits up to {@code waitMs} for {@code attempt} to deliver something. */
  CompletionStage<ConsumeReply> await(String queue, long waitMs, Supplier<ConsumeReply> attempt) {
    Waiter w =
        new Waiter(queue, attempt, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs));
    // Joined inside compute, so a line being taken away by its last waiter is never joined.
    byQueue.compute(
        queue,
        (name, line) -> {
          Queue<Waiter> l = line == null ? new ConcurrentLinkedQueue<>() : line;
          l.add(w);
          return l;
        });
    // A signal sent between the caller's first try and joining the line was not seen: try once.
    w.runSoon();
    return w.result;
  }

  /**
   * This node made {@code ready} messages of {@code queue} ready. With the signals heard, the
   * script's own signal wakes the waiters (of every node, this one included), so nothing is done
   * here; otherwise that many waiters of this node try now.
   */
  void wake(String queue, int ready) {
    if (!signalled()) {
      signal(queue, ready);
    }
  }

  /** {@code ready} messages became ready in {@code queue}: that many waiters try now. */
  void signal(String queue, int ready) {
    Queue<Waiter> waiting = byQueue.get(queue);
    if (waiting == null || ready <= 0) {
      return;
    }
    int woken = 0;
    for (Waiter w : waiting) {
      if (woken >= ready) {
        break;
      }
      if (!w.result.isDone()) {
        w.runSoon();
        woken++;
      }
    }
  }

  /** Every waiter tries once (signals may have been missed, or polling starts). */
  void wakeAll() {
    byQueue.values().forEach(line -> line.forEach(Waiter::runSoon));
  }

  @PreDestroy
  void stop() {
    stopping = true;
    byQueue.values().forEach(q -> q.forEach(w -> w.finish(new ConsumeReply(List.of(), 0))));
  }

  /**
   * One waiting consume. Exactly one timer is live per waiter: each scheduled try carries the
   * generation it was scheduled in and does nothing once a newer one exists. Tries never overlap; a
   * wake-up that comes during a try makes that try run once more, so no signal is lost.
   */
  private final class Waiter {
    final String queue;
    final Supplier<ConsumeReply> attempt;
    final long deadline;
    final CompletableFuture<ConsumeReply> result = new CompletableFuture<>();
    final AtomicBoolean busy = new AtomicBoolean();
    final AtomicBoolean again = new AtomicBoolean();
    final AtomicLong generation = new AtomicLong();

    Waiter(String queue, Supplier<ConsumeReply> attempt, long deadline) {
      this.queue = queue;
      this.attempt = attempt;
      this.deadline = deadline;
    }

    /** One try; {@code scheduledIn} is the generation of a scheduled try, -1 for a wake-up. */
    void run(long scheduledIn) {
      if (result.isDone() || (scheduledIn >= 0 && scheduledIn != generation.get())) {
        return;
      }
      // One try at a time: a message claimed by a try is always handed to the client.
      if (!busy.compareAndSet(false, true)) {
        again.set(true);
        return;
      }
      try {
        again.set(false);
        ConsumeReply reply = attempt.get();
        long left = deadline - System.nanoTime();
        if (!reply.messages().isEmpty() || left <= 0 || stopping) {
          finish(reply);
        } else {
          long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
          schedule(signalled() ? leftMs : Math.min(POLL_MS, leftMs));
        }
      } catch (RuntimeException e) {
        remove();
        result.completeExceptionally(RedisUnavailable.translate(e));
      } finally {
        busy.set(false);
      }
      if (again.getAndSet(false) && !result.isDone()) {
        runSoon();
      }
    }

    void schedule(long delayMs) {
      long g = generation.incrementAndGet();
      try {
        scheduler.schedule(() -> runSoon(g), delayMs, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        LOG.debug("long poll ended early: the scheduler refused a retry (" + e.getMessage() + ")");
        finish(new ConsumeReply(List.of(), 0));
      }
    }

    void runSoon() {
      try {
        work.execute(() -> run(-1));
      } catch (RejectedExecutionException e) {
        // the scheduled try still comes, or the application is stopping
      }
    }

    /** A scheduled try, handed to the queue executor; refused there, the wait ends empty. */
    private void runSoon(long scheduledIn) {
      try {
        work.execute(() -> run(scheduledIn));
      } catch (RejectedExecutionException e) {
        LOG.debug(
            "long poll ended early: the queue executor refused a try (" + e.getMessage() + ")");
        finish(new ConsumeReply(List.of(), 0));
      }
    }

    void finish(ConsumeReply reply) {
      remove();
      result.complete(reply);
    }

    /** Leaves the queue's line; the last waiter of a queue also takes the line away. */
    private void remove() {
      byQueue.computeIfPresent(
          queue,
          (name, line) -> {
            line.remove(this);
            return line.isEmpty() ? null : line;
          });
    }
  }
}
