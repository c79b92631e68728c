package io.distsync.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; never a fixed sleep. */
public final class Eventually {
  private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

  private Eventually() {}

  /** An assertion that may throw while the system is still converging. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  /** Re-runs {@code check} until it passes; past {@code within}, fails with its last error. */
  public static void eventually(Duration within, Check check) {
    long deadline = System.nanoTime() + within.toNanos();
    Throwable last;
    do {
      try {
        check.run();
        return;
      } catch (Exception | AssertionError e) {
        last = e;
      }
      LockSupport.parkNanos(POLL_NANOS);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("not true within " + within + ": " + last.getMessage(), last);
  }

  /** Waits until {@code condition} is true; past {@code within}, fails naming {@code what}. */
  public static void eventually(Duration within, String what, BooleanSupplier condition) {
    eventually(
        within,
        () -> {
          if (!condition.getAsBoolean()) {
            throw new AssertionError(what);
          }
        });
  }
}
