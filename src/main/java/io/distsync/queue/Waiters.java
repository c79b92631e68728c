package io.distsync.queue;

import io.distsync.cluster.NodeLog;
import io.distsync.queue.model.ConsumeReply;
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
 * Long-poll consumers. Rule: no server thread is parked for the wait; a waiting consume is a {@link
 * CompletableFuture} that the managed scheduler retries every {@link #POLL_MS} ms until messages
 * come or the wait is over. A produce or nack through this node retries as many waiters of that
 * queue at once as it made messages ready; messages produced through other nodes are found by the
 * next retry.
 */
@ApplicationScoped
public class Waiters {
  private static final NodeLog LOG = NodeLog.of(Waiters.class);

  /** ms between two tries of one waiter. */
  static final long POLL_MS = 50;

  /** Only times the tries; they run on {@link #work}, never on the scheduler's few threads. */
  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "concurrent/distsync-queue")
  ManagedExecutorService work;

  private final Map<String, Queue<Waiter>> byQueue = new ConcurrentHashMap<>();
  private volatile boolean stopping;

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
    w.schedule(Math.min(POLL_MS, waitMs));
    return w.result;
  }

  /** {@code ready} messages became ready in {@code queue}: retry that many waiters now. */
  void wake(String queue, int ready) {
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

  @PreDestroy
  void stop() {
    stopping = true;
    byQueue.values().forEach(q -> q.forEach(w -> w.finish(new ConsumeReply(List.of()))));
  }

  /**
   * One waiting consume. Exactly one chain of scheduled tries runs per waiter: each scheduled try
   * carries the generation it was scheduled in and does nothing once a newer one exists, so a
   * wake-up (which tries at once and schedules the next try itself) never starts a second chain.
   */
  private final class Waiter {
    final String queue;
    final Supplier<ConsumeReply> attempt;
    final long deadline;
    final CompletableFuture<ConsumeReply> result = new CompletableFuture<>();
    final AtomicBoolean busy = new AtomicBoolean();
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
        return;
      }
      try {
        ConsumeReply reply = attempt.get();
        long left = deadline - System.nanoTime();
        if (!reply.messages().isEmpty() || left <= 0 || stopping) {
          finish(reply);
        } else {
          schedule(Math.max(1, Math.min(POLL_MS, TimeUnit.NANOSECONDS.toMillis(left))));
        }
      } catch (RuntimeException e) {
        remove();
        result.completeExceptionally(RedisUnavailable.translate(e));
      } finally {
        busy.set(false);
      }
    }

    void schedule(long delayMs) {
      long g = generation.incrementAndGet();
      try {
        scheduler.schedule(() -> runSoon(g), delayMs, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        LOG.debug("long poll ended early: the scheduler refused a retry (" + e.getMessage() + ")");
        finish(new ConsumeReply(List.of()));
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
        finish(new ConsumeReply(List.of()));
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
