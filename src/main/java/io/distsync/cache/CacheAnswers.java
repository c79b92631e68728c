package io.distsync.cache;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * Cache operations answered without holding a request thread: a request's thread returns at once,
 * and the answer (or its failure) is written on the completions executor when the operation ends.
 * An operation still running at its deadline is answered 503 {@code CACHE_BUSY} ("outcome unknown")
 * by {@link #sweep}, which a timer runs; the work of a sweep is proportional to the operations in
 * flight.
 */
final class CacheAnswers {
  private final Executor completions;
  private final long timeoutMs;
  private final LongSupplier clock;
  private final Map<CompletableFuture<?>, Long> deadlines = new ConcurrentHashMap<>();

  /**
   * @param completions where answers are written: it carries the application's context, which
   *     JAX-RS needs to find the exception mappers
   * @param timeoutMs how long a request waits for its operation
   * @param clock monotonic milliseconds
   */
  CacheAnswers(Executor completions, long timeoutMs, LongSupplier clock) {
    this.completions = completions;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  /**
   * The answer of {@code op}, on the completions executor; the caller maps a failure to the
   * contract's error ({@link CacheErrors#response}).
   */
  <T> CompletionStage<T> of(CompletableFuture<T> op) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    deadlines.put(answer, clock.getAsLong() + timeoutMs);
    op.whenComplete(
        (value, failure) -> {
          deadlines.remove(answer);
          Runnable write =
              () -> {
                if (failure == null) {
                  answer.complete(value);
                } else {
                  answer.completeExceptionally(failure);
                }
              };
          try {
            completions.execute(write);
          } catch (RejectedExecutionException e) {
            write.run();
          }
        });
    return answer;
  }

  /** Answers every operation past its deadline with 503 CACHE_BUSY. */
  void sweep() {
    long now = clock.getAsLong();
    deadlines.forEach(
        (answer, deadline) -> {
          if (deadline <= now && deadlines.remove(answer) != null) {
            answer.completeExceptionally(
                CacheErrors.busy(
                    "The cache operation did not finish within "
                        + timeoutMs
                        + " ms; its outcome is unknown."));
          }
        });
  }
}
