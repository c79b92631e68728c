package io.distsync.cache;

import io.distsync.cache.mesi.CacheClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The protocol's clock inside Liberty: delays run on the managed scheduler. */
final class ManagedClock implements CacheClock {
  private final ScheduledExecutorService scheduler;

  ManagedClock(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public long wallMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long monoMillis() {
    return System.nanoTime() / 1_000_000;
  }

  @Override
  public CompletableFuture<Void> delay(long ms) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      var task = scheduler.schedule(() -> done.complete(null), ms, TimeUnit.MILLISECONDS);
      done.whenComplete(
          (v, t) -> {
            if (done.isCancelled()) {
              task.cancel(false); // no task left waiting in the scheduler
            }
          });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }
}
