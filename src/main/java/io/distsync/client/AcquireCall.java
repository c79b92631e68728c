package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.UUID;

/**
 * One acquire as the caller sees it: as many {@code POST /locks/acquire} calls as its deadline
 * needs, each waiting in line up to the server's 60 s. Each call has its own {@code requestId},
 * sent again unchanged on every retry and failover of that call, so a call whose answer was lost is
 * answered with its first answer instead of granting a second hold.
 */
final class AcquireCall {
  private final LockState lock;
  private final String owner;
  private final LockState.Mode mode;
  private final Duration ttl;

  AcquireCall(LockState lock, String owner, LockState.Mode mode, Duration ttl) {
    this.lock = lock;
    this.owner = owner;
    this.mode = mode;
    this.ttl = ttl;
  }

  /** The grant, or null when {@code deadlineNanos} passed without one. */
  LockState.Grant run(long deadlineNanos, boolean interruptible) throws InterruptedException {
    boolean interrupted = false;
    try {
      while (true) {
        long waitMs = waitMs(deadlineNanos);
        ObjectNode body = lock.body(owner);
        body.put("mode", mode.wire());
        body.put("ttlMs", ttl.toMillis());
        body.put("waitMs", waitMs);
        body.put("requestId", UUID.randomUUID().toString());
        long started = System.nanoTime();
        while (true) {
          try {
            if (interruptible && Thread.interrupted()) {
              throw new InterruptedException();
            }
            long sent = System.nanoTime();
            JsonNode r = send(body, waitMs);
            return new LockState.Grant(
                r.path("fencingToken").asLong(), r.path("holdCount").asInt(1), sent);
          } catch (InterruptedException e) {
            if (interruptible) {
              abandon(body, waitMs);
              throw e;
            }
            interrupted = true; // lock(): the same call again, with the same requestId
          } catch (LockConflictException e) {
            break;
          }
        }
        if (waitMs(deadlineNanos) <= 0) {
          return null;
        }
        if (System.nanoTime() - started < waitMs * 500_000) {
          // Refused well before its wait ended (this owner still waits from an abandoned call):
          // do not spin.
          pause(interruptible);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private JsonNode send(ObjectNode body, long waitMs) throws InterruptedException {
    Transport t = lock.transport();
    Duration wait = Duration.ofMillis(waitMs);
    return t.call("POST", "/locks/acquire", body, wait, t.deadline().plus(wait)).body();
  }

  private static long waitMs(long deadlineNanos) {
    if (deadlineNanos == LockState.FOREVER) {
      return LockState.MAX_WAIT_MS;
    }
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    return Math.max(0, Math.min(LockState.MAX_WAIT_MS, left));
  }

  private static void pause(boolean interruptible) throws InterruptedException {
    try {
      Thread.sleep(Transport.backoffMs(1));
    } catch (InterruptedException e) {
      if (interruptible) {
        throw e;
      }
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The caller gave up (interrupted) while its call may still wait in line or have been granted: in
   * the background, the same call again (same requestId: it joins that wait or answers its grant),
   * and a grant is released at once.
   */
  private void abandon(ObjectNode body, long waitMs) {
    lock.client()
        .scheduler()
        .execute(
            () -> {
              try {
                send(body, waitMs);
                ObjectNode rel = lock.body(owner); // one grant, one hold to give back
                rel.put("requestId", UUID.randomUUID().toString());
                lock.transport().call("POST", "/locks/release", rel);
              } catch (DistSyncException | InterruptedException ignored) {
                // not granted, or the lease will run out
              }
            });
  }
}
