package io.distsync.cache.mesi;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * This node's operations on one key, in arrival order, one at a time: however many of its clients
 * use a key, a node is one contender for the key's lock in Redis, and a client waits behind the
 * clients of its own node first come, first served. Writes that wait together form one {@link
 * WriteBatch}: the batch at the tail of the line stays open, and writes that arrive join it, until
 * its commit. A job whose time ran out before its turn is refused ({@code BUSY}) without running.
 *
 * <p>Only client operations queue here; the peer handlers never do (they never wait for another
 * node), so two nodes cannot wait for each other through it. The next job starts on another task
 * ({@link CacheClock#delay}), never on the thread that finished the last one. Memory: one entry per
 * key with an operation in flight, removed when its line empties.
 */
final class KeyQueue {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /** An operation waiting its turn. */
  interface Job {
    /** Runs the operation; the future completes once it is over (its answer given). */
    CompletableFuture<?> start();

    /** Fails the operation without running it. */
    void refuse(Throwable why);
  }

  private record Queued(Job job, long deadline) {}

  private static final class Line {
    final ArrayDeque<Queued> waiting = new ArrayDeque<>();
    Job running;
  }

  private final CacheNode node;
  private final Map<String, Line> lines = new HashMap<>(); // guarded by this

  KeyQueue(CacheNode node) {
    this.node = node;
  }

  /** Runs {@code op} once every earlier operation on {@code key} on this node is over. */
  <T> CompletableFuture<T> run(String key, Supplier<CompletableFuture<T>> op) {
    CompletableFuture<T> result = new CompletableFuture<>();
    enqueue(
        key,
        new Job() {
          @Override
          public CompletableFuture<?> start() {
            CompletableFuture<T> f;
            try {
              f = op.get();
            } catch (RuntimeException e) {
              f = CompletableFuture.failedFuture(e);
            }
            return f.whenComplete(
                (v, t) -> {
                  if (t != null) {
                    result.completeExceptionally(KeyLocks.unwrap(t));
                  } else {
                    result.complete(v);
                  }
                });
          }

          @Override
          public void refuse(Throwable why) {
            result.completeExceptionally(why);
          }
        });
    return result;
  }

  /**
   * Adds {@code write} to the open batch at the tail of the key's line, or queues a new batch of it
   * made by {@code batch}.
   */
  void write(String key, WriteBatch.Pending write, Supplier<WriteBatch> batch) {
    synchronized (this) {
      Line line = lines.get(key);
      if (line != null) {
        Job tail = line.waiting.isEmpty() ? line.running : line.waiting.peekLast().job();
        if (tail instanceof WriteBatch b && b.join(write)) {
          return;
        }
      }
    }
    WriteBatch b = batch.get();
    b.join(write);
    enqueue(key, b);
  }

  /**
   * A read that joins the open write batch at the tail of the key's line, answered with the batch's
   * last value once it has committed; null when the tail is no open batch.
   */
  synchronized CompletableFuture<Results.Read> joinBatch(String key) {
    Line line = lines.get(key);
    if (line == null) {
      return null;
    }
    Job tail = line.waiting.isEmpty() ? line.running : line.waiting.peekLast().job();
    return tail instanceof WriteBatch b ? b.joinRead() : null;
  }

  private void enqueue(String key, Job job) {
    long deadline = node.clock.monoMillis() + node.options.requestTimeoutMs();
    synchronized (this) {
      Line line = lines.computeIfAbsent(key, k -> new Line());
      if (line.running != null) {
        line.waiting.addLast(new Queued(job, deadline));
        return;
      }
      line.running = job;
    }
    start(key, job, deadline);
  }

  private void start(String key, Job job, long deadline) {
    CompletableFuture<?> over;
    if (node.clock.monoMillis() > deadline) {
      job.refuse(
          new CacheFailure(
              CacheFailure.Kind.BUSY,
              "Key '"
                  + key
                  + "' was busy with this node's earlier operations for "
                  + node.options.requestTimeoutMs()
                  + " ms."));
      over = DONE;
    } else {
      try {
        over = job.start();
      } catch (RuntimeException e) {
        job.refuse(e);
        over = DONE;
      }
    }
    over.whenComplete((v, t) -> next(key));
  }

  private void next(String key) {
    Queued next;
    synchronized (this) {
      Line line = lines.get(key);
      next = line.waiting.pollFirst();
      if (next == null) {
        lines.remove(key);
        return;
      }
      line.running = next.job();
    }
    // Never on the thread that ended the last job: that may be a client's own request.
    node.clock.delay(0).whenComplete((v, t) -> start(key, next.job(), next.deadline()));
  }
}
