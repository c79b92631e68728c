package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The holds of one resource in one client, by thread, shared by every view of it ({@link
 * DistributedLock}, the read and write locks). The server's owner of a hold is the client id plus
 * the thread ({@code c-<random>:t<id>}), so a thread's re-entries are counted here without a server
 * call, and the last unlock releases on the server.
 */
final class LockState {
  /** The server's lock modes. */
  enum Mode {
    SHARED,
    EXCLUSIVE;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The server's longest wait in line ({@code waitMs}). */
  static final long MAX_WAIT_MS = 60_000;

  static final long FOREVER = Long.MAX_VALUE;

  private final DistSync client;
  private final String resource;
  private final Map<Long, Hold> holds = new ConcurrentHashMap<>();
  private final Watchdog watchdog;
  private volatile LockLostListener lostListener;

  LockState(DistSync client, String resource) {
    this.client = client;
    this.resource = resource;
    this.watchdog = new Watchdog(this, client.scheduler());
  }

  String resource() {
    return resource;
  }

  Transport transport() {
    return client.transport();
  }

  void onLost(LockLostListener l) {
    this.lostListener = l;
  }

  Hold current() {
    return holds.get(Thread.currentThread().getId());
  }

  private String owner() {
    return client.id() + ":t" + Thread.currentThread().getId();
  }

  /**
   * Takes {@code mode} for the current thread, waiting until {@code deadlineNanos} ({@link
   * #FOREVER} or a {@link System#nanoTime()}); false when not granted by then.
   */
  boolean acquire(Mode mode, Duration ttl, long deadlineNanos, boolean interruptible)
      throws InterruptedException {
    client.checkOpen();
    Hold h = current();
    if (h != null) {
      if (h.lost) {
        throw new LeaseLostException("LEASE_LOST", 0, resource + " was lost: unlock it first");
      }
      if (mode == Mode.SHARED || h.writes > 0) { // a re-entry, or a read under the write lock
        if (mode == Mode.SHARED) {
          h.reads++;
        } else {
          h.writes++;
        }
        return true;
      }
    }
    String owner = h == null ? owner() : h.owner;
    Grant g = new AcquireCall(this, owner, mode, ttl).run(deadlineNanos, interruptible);
    if (g == null) {
      return false;
    }
    if (h == null) {
      h = new Hold(owner, ttl);
      holds.put(Thread.currentThread().getId(), h);
      h.token = g.token;
      h.serverHolds = g.holdCount;
      watchdog.start(h, g.sentNanos);
    } else { // an upgrade: a new grant with a new token; the lease is fresh too
      h.token = g.token;
      h.serverHolds = g.holdCount;
      h.leaseEndNanos = g.sentNanos + h.ttl.toNanos();
    }
    if (mode == Mode.SHARED) {
      h.reads++;
    } else {
      h.writes++;
    }
    long token = g.token;
    Transport.notify(() -> client.listener().lockAcquired(resource, owner, token));
    return true;
  }

  /** A granted acquire: its token, the holds the server counts, when its request was sent. */
  record Grant(long token, int holdCount, long sentNanos) {}

  /** Gives back one hold of {@code mode} of the current thread. */
  void release(Mode mode) {
    Hold h = current();
    if (h == null || (mode == Mode.SHARED ? h.reads : h.writes) == 0) {
      throw new IllegalMonitorStateException(resource + " is not held by this thread");
    }
    if (mode == Mode.SHARED) {
      h.reads--;
    } else {
      h.writes--;
    }
    if (h.lost) {
      if (h.count() == 0) {
        holds.remove(Thread.currentThread().getId());
      }
      throw new LeaseLostException("LEASE_LOST", 0, resource + " was lost before unlock");
    }
    if (h.count() == 0) {
      h.released = true;
      h.cancelTimers();
      holds.remove(Thread.currentThread().getId());
      releaseOnServer(h, 0);
    } else if (h.writes == 0 && h.serverHolds > 1) {
      releaseOnServer(h, 1); // the end of an upgrade: give back its extra hold
    }
  }

  /** Releases on the server until it counts {@code keep} holds of {@code h}. */
  private void releaseOnServer(Hold h, int keep) {
    boolean interrupted = false;
    try {
      while (h.serverHolds > keep) {
        ObjectNode body = body(h.owner);
        body.put("fencingToken", h.token);
        body.put("requestId", UUID.randomUUID().toString());
        while (true) {
          try {
            JsonNode r = transport().call("POST", "/locks/release", body).body();
            h.serverHolds = Math.min(h.serverHolds - 1, r.path("holdCount").asInt(0));
            break;
          } catch (NotHeldException e) {
            if (!e.afterRetry() || !"NOT_HELD".equals(e.code())) {
              throw e;
            }
            h.serverHolds = 0; // an earlier attempt of this call released it (a server without
            break; // requestId answers the retry as a new release)
          } catch (InterruptedException e) {
            interrupted = true; // an unlock finishes: the same requestId again is safe
          }
        }
      }
      Transport.notify(() -> client.listener().lockReleased(resource, h.owner, h.token));
    } catch (NotHeldException e) {
      throw new LeaseLostException(e.code(), e.status(), e.getMessage());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  ObjectNode body(String owner) {
    ObjectNode body = Json.object();
    body.put("resource", resource);
    body.put("owner", owner);
    return body;
  }

  /** Marks {@code h} lost and tells the listeners, once. */
  void lose(Hold h, String reason) {
    synchronized (h) {
      if (h.lost || h.released) {
        return;
      }
      h.lost = true;
    }
    h.cancelTimers();
    long token = h.token;
    LockLostListener mine = lostListener;
    LockLostListener all = client.lockLostListener();
    Transport.notify(() -> client.listener().lockLost(resource, h.owner, token, reason));
    if (mine != null) {
      Transport.notify(() -> mine.lockLost(resource, h.owner, token, reason));
    }
    if (all != null) {
      Transport.notify(() -> all.lockLost(resource, h.owner, token, reason));
    }
  }

  /** At close: stops every watchdog and releases every hold, best effort. */
  void releaseAll() {
    for (Hold h : holds.values()) {
      h.released = true;
      h.cancelTimers();
      try {
        for (int i = 0; i < h.serverHolds; i++) {
          ObjectNode body = body(h.owner);
          body.put("requestId", UUID.randomUUID().toString());
          transport().call("POST", "/locks/release", body, Duration.ZERO, Duration.ofSeconds(5));
        }
      } catch (DistSyncException e) {
        // best effort: the lease runs out anyway
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    holds.clear();
  }

  DistSync client() {
    return client;
  }
}
