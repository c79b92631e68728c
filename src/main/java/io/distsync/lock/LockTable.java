package io.distsync.lock;

import io.distsync.lock.LockCommand.Acquire;
import io.distsync.lock.LockCommand.Cancel;
import io.distsync.lock.LockCommand.ClientRequest;
import io.distsync.lock.LockCommand.Expire;
import io.distsync.lock.LockCommand.Release;
import io.distsync.lock.LockCommand.Renew;
import io.distsync.lock.LockResult.Type;
import io.distsync.lock.model.LockView;
import io.distsync.lock.model.WaitForGraph;
import io.distsync.paging.Page;
import io.distsync.paging.PageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The replicated lock table. Every decision (grant, enqueue, expire, refuse as deadlock victim,
 * cancel a wait) is made here when a log entry is applied, from the entry alone: its index is the
 * fencing token of what it grants, and its time (the leader's clock, never decreasing) is the only
 * clock. So every replica reaches the same answer.
 *
 * <p>The caps ({@code LOCK_MAX_WAITERS}, {@code LOCK_MAX_HELD_PER_OWNER}) are decided the same way:
 * from the limits the acquire entry carries, against this table as the entry finds it. A check on
 * the receiving node before proposing would only be a soft bound (the acquires in flight overshoot
 * it) and would depend on how far that node had applied the log; here the bound is exact, and no
 * replica can refuse what another grants.
 *
 * <p>Plain Java, not thread-safe: every method except the {@code *Count} gauges and {@link
 * #leaseIndex()} runs on the Raft node's executor.
 */
public final class LockTable {
  private final TreeMap<String, ResourceLock> locks = new TreeMap<>();
  private final Map<String, String> waitingRequests = new HashMap<>();
  private final LeaseIndex leaseIndex = new LeaseIndex();
  private final OwnerClaims claims = new OwnerClaims();
  private final RecentRequests recent = new RecentRequests();

  /**
   * The locks with a line, in name order: the only ones with wait-for edges, so that deadlock
   * checks cost what the contended locks cost, not what the whole table does.
   */
  private final TreeSet<String> contended = new TreeSet<>();

  private volatile LockEvents events = LockEvents.NONE;
  private long clock;
  private volatile int holderCount;
  private volatile int waiterCount;

  public void listen(LockEvents events) {
    this.events = events;
  }

  /** Applies the command of the entry at {@code index}, appended at the leader's {@code time}. */
  public LockResult apply(long index, long time, LockCommand command) {
    clock = Math.max(clock, time);
    if (command instanceof Acquire a) {
      return once(
          "acquire", a.resource(), a.owner(), a.client(), a.ttlMs(), () -> acquire(index, a));
    } else if (command instanceof Release r) {
      return once("release", r.resource(), r.owner(), r.client(), 0, () -> release(index, r));
    } else if (command instanceof Renew r) {
      long lease = r.ttlMs() == null ? 0 : r.ttlMs();
      return once("renew", r.resource(), r.owner(), r.client(), lease, () -> renew(index, r));
    } else if (command instanceof Expire e) {
      return expire(index, e);
    }
    return cancel(index, (Cancel) command);
  }

  /**
   * Runs a request that carries a client's id once: a repeat of it gets the first answer (see
   * {@link RecentRequests}), so a retry never holds, releases or renews twice.
   */
  private LockResult once(
      String kind,
      String resource,
      String owner,
      ClientRequest client,
      long leaseMs,
      Supplier<LockResult> request) {
    if (client == null) {
      return request.get();
    }
    LockResult first = recent.repeat(kind, resource, owner, client);
    if (first != null) {
      return first;
    }
    LockResult answer = request.get();
    recent.remember(kind, resource, owner, client, answer, clock, leaseMs);
    return answer;
  }

  private LockResult acquire(long index, Acquire a) {
    ResourceLock r = locks.computeIfAbsent(a.resource(), ResourceLock::new);
    try {
      lapse(r, index);
      Holder h = r.holders.get(a.owner());
      boolean upgrade = h != null && h.mode == LockMode.SHARED && a.mode() == LockMode.EXCLUSIVE;
      if (h != null && !upgrade) {
        // Reentrant: the same token, one more hold, and the lease starts again.
        relet(r, h, a.ttlMs(), () -> h.holdCount++);
        return LockResult.granted(r.name, h);
      }
      if (upgrade && r.compatible(a.owner(), LockMode.EXCLUSIVE)) {
        // A sole shared holder may upgrade; the exclusive grant gets a token of its own.
        relet(r, h, a.ttlMs(), () -> grantUpgrade(h, index));
        return LockResult.granted(r.name, h);
      }
      // LOCK_MAX_HELD_PER_OWNER: only a lock the owner neither holds nor waits for counts, so a
      // reentrant acquire or an upgrade never does.
      if (!r.involves(a.owner()) && claims.of(a.owner()) >= a.maxHeld()) {
        return LockResult.limitExceeded(
            r.name,
            a.owner()
                + " already holds or waits for "
                + claims.of(a.owner())
                + " locks, the most one owner may (LOCK_MAX_HELD_PER_OWNER)");
      }
      if (!upgrade && r.waiters.isEmpty() && r.compatible(a.owner(), a.mode())) {
        Holder fresh = new Holder(a.owner(), a.mode(), index, clock + a.ttlMs(), 1, a.ttlMs());
        putHolder(r, fresh);
        return LockResult.granted(r.name, fresh);
      }
      if (r.isWaiting(a.owner()) || waitingRequests.containsKey(a.requestId())) {
        return LockResult.conflict(r.name, r.holderViews(), a.owner() + " is already waiting");
      }
      if (a.waitMs() <= 0) {
        return LockResult.conflict(r.name, r.holderViews(), null);
      }
      // LOCK_MAX_WAITERS: a full line refuses newcomers, before any deadlock search.
      if (r.waiters.size() >= a.maxWaiters()) {
        return LockResult.limitExceeded(
            r.name,
            "the line of "
                + r.name
                + " already holds "
                + r.waiters.size()
                + " waiters, the most one lock may (LOCK_MAX_WAITERS)");
      }
      // Upgrades wait ahead of new requests (a newcomer would wait for the upgrader anyway).
      int position = upgrade ? r.upgradeSlot() : r.waiters.size();
      List<String> blockers = r.blockers(a.owner(), a.mode(), position);
      // The requester that would close a cycle is the victim and is not enqueued.
      List<String> cycle =
          WaitFor.cycleThrough(WaitFor.adjacency(contendedLocks()), a.owner(), blockers);
      if (cycle != null) {
        events.refused(r.name, a.owner(), cycle);
        return LockResult.deadlock(r.name, cycle);
      }
      Waiter w =
          new Waiter(a.requestId(), a.owner(), a.mode(), a.ttlMs(), clock, clock + a.waitMs());
      claims.joining(r, w.owner());
      r.waiters.add(position, w);
      contended.add(r.name);
      waitingRequests.put(w.requestId(), r.name);
      leaseIndex.add(new LeaseIndex.Deadline(w.deadline(), w.requestId()));
      waiterCount = waitingRequests.size();
      return LockResult.queued(r.name, w.requestId());
    } finally {
      tidy(r);
    }
  }

  private LockResult release(long index, Release c) {
    return withHolder(
        index,
        c.resource(),
        c.owner(),
        (r, h) -> {
          if (c.token() != null && c.token() != h.token) {
            return LockResult.of(
                Type.STALE_TOKEN,
                r.name,
                "token " + c.token() + " is not the owner's current token");
          }
          h.holdCount--;
          if (h.holdCount == 0) {
            removeHolder(r, h);
            promote(r, index);
          }
          return LockResult.released(r.name, h.holdCount);
        });
  }

  private LockResult renew(long index, Renew c) {
    return withHolder(
        index,
        c.resource(),
        c.owner(),
        (r, h) -> {
          relet(r, h, c.ttlMs() == null ? h.ttlMs : c.ttlMs(), () -> {});
          return LockResult.renewed(r.name, h.expiresAt);
        });
  }

  /**
   * Runs {@code action} on the owner's hold, once lapsed leases are gone; NOT_HELD when there is
   * none (never held, released, or expired).
   */
  private LockResult withHolder(
      long index,
      String resource,
      String owner,
      java.util.function.BiFunction<ResourceLock, Holder, LockResult> action) {
    ResourceLock r = locks.get(resource);
    if (r == null) {
      return LockResult.of(Type.NOT_HELD, resource, owner + " does not hold the lock");
    }
    try {
      lapse(r, index);
      Holder h = r.holders.get(owner);
      if (h == null) {
        return LockResult.of(Type.NOT_HELD, r.name, owner + " does not hold the lock");
      }
      return action.apply(r, h);
    } finally {
      tidy(r);
    }
  }

  private LockResult expire(long index, Expire c) {
    ResourceLock r = locks.get(c.resource());
    if (r == null) {
      return LockResult.of(Type.IGNORED, c.resource(), "no such lock");
    }
    Holder h = r.holders.get(c.owner());
    // Only a lease still due by the log's clock expires: a renewal since then wins.
    boolean due = h != null && h.token == c.token() && h.expiresAt <= clock;
    lapse(r, index);
    tidy(r);
    return LockResult.of(due ? Type.EXPIRED : Type.IGNORED, r.name, null);
  }

  private LockResult cancel(long index, Cancel c) {
    String resource = waitingRequests.get(c.requestId());
    if (resource == null) {
      return LockResult.of(Type.IGNORED, null, "not waiting (granted or gone)");
    }
    ResourceLock r = locks.get(resource);
    removeWaiter(r, r.waiter(c.requestId()));
    // The holders the waiter gave up on (before the line moves on).
    List<io.distsync.lock.model.HolderView> holders = r.holderViews();
    LockResult timedOut = LockResult.conflict(r.name, holders, "the wait timed out");
    recent.settled(c.requestId(), timedOut);
    events.cancelled(c.requestId(), timedOut);
    lapse(r, index);
    promote(r, index);
    tidy(r);
    return new LockResult(
        Type.CANCELLED, resource, null, null, 0, 0, 0, c.requestId(), holders, null, null);
  }

  /** Removes the holders whose lease passed by the log's clock, then serves the line. */
  private void lapse(ResourceLock r, long index) {
    List<Holder> due = new ArrayList<>();
    for (Holder h : r.holders.values()) {
      if (h.expiresAt <= clock) {
        due.add(h);
      }
    }
    for (Holder h : due) {
      removeHolder(r, h);
      events.expired(r.name, h.owner, h.token);
    }
    if (!due.isEmpty()) {
      promote(r, index);
    }
  }

  /** Grants waiters from the head of the line while they fit (first come, first served). */
  private void promote(ResourceLock r, long index) {
    while (!r.waiters.isEmpty()) {
      Waiter w = r.waiters.get(0);
      if (!r.compatible(w.owner(), w.mode())) {
        return;
      }
      removeWaiter(r, w);
      Holder h = r.holders.get(w.owner());
      if (h == null) {
        h = new Holder(w.owner(), w.mode(), index, clock + w.ttlMs(), 1, w.ttlMs());
        putHolder(r, h);
      } else {
        Holder held = h;
        relet(r, h, w.ttlMs(), () -> grantUpgrade(held, index));
      }
      LockResult granted = LockResult.granted(r.name, h);
      recent.settled(w.requestId(), granted);
      events.granted(w.requestId(), granted);
    }
  }

  private static void grantUpgrade(Holder h, long index) {
    if (h.mode == LockMode.SHARED) {
      h.mode = LockMode.EXCLUSIVE;
      h.token = index;
    }
    h.holdCount++;
  }

  /** Starts the lease again ({@code ttlMs} from now), after {@code change} to the holder. */
  private void relet(ResourceLock r, Holder h, long ttlMs, Runnable change) {
    leaseIndex.remove(h.lease(r.name));
    change.run();
    h.ttlMs = ttlMs;
    h.expiresAt = clock + ttlMs;
    leaseIndex.add(h.lease(r.name));
  }

  private void putHolder(ResourceLock r, Holder h) {
    claims.joining(r, h.owner);
    r.holders.put(h.owner, h);
    leaseIndex.add(h.lease(r.name));
    holderCount++;
  }

  private void removeHolder(ResourceLock r, Holder h) {
    r.holders.remove(h.owner);
    claims.left(r, h.owner);
    leaseIndex.remove(h.lease(r.name));
    holderCount--;
  }

  private void removeWaiter(ResourceLock r, Waiter w) {
    r.waiters.remove(w);
    claims.left(r, w.owner());
    if (r.waiters.isEmpty()) {
      contended.remove(r.name);
    }
    waitingRequests.remove(w.requestId());
    leaseIndex.remove(new LeaseIndex.Deadline(w.deadline(), w.requestId()));
    waiterCount = waitingRequests.size();
  }

  private void tidy(ResourceLock r) {
    if (r.isEmpty()) {
      locks.remove(r.name);
    }
  }

  // ---- reads (on the Raft executor, after a ReadIndex) ----

  /**
   * One page of the held or awaited locks, in name order: the locks after the request's cursor,
   * read from the tree without copying it (a page costs what its locks cost).
   */
  public Page<LockView> page(PageRequest request) {
    NavigableMap<String, ResourceLock> from =
        request.after() == null ? locks : locks.tailMap(request.after(), false);
    // Not from.size(): a sub-map counts its entries by walking them.
    List<LockView> candidates = new ArrayList<>();
    for (ResourceLock r : from.values()) {
      if (candidates.size() > request.limit()) {
        break;
      }
      candidates.add(r.view());
    }
    return Page.of(candidates, request.limit(), LockView::resource);
  }

  /** The lock's view; a free lock has no holders and no waiters. */
  public LockView view(String resource) {
    ResourceLock r = locks.get(resource);
    return r == null ? new LockView(resource, null, List.of(), List.of()) : r.view();
  }

  public WaitForGraph waitFor() {
    List<ResourceLock> lines = contendedLocks();
    Map<String, Set<String>> adj = WaitFor.adjacency(lines);
    return new WaitForGraph(WaitFor.edges(lines), WaitFor.cycles(adj));
  }

  /** Cycles in the wait-for graph; the rules above keep it empty. */
  public List<List<String>> cycles() {
    return WaitFor.cycles(WaitFor.adjacency(contendedLocks()));
  }

  /** The locks with waiters, in name order (the order the whole table would give). */
  private List<ResourceLock> contendedLocks() {
    List<ResourceLock> out = new ArrayList<>(contended.size());
    for (String name : contended) {
      out.add(locks.get(name));
    }
    return out;
  }

  /** Locks {@code owner} holds or waits for. */
  int claimsOf(String owner) {
    return claims.of(owner);
  }

  /** Owners that hold or wait for a lock (the size of the owner index). */
  int ownerCount() {
    return claims.owners();
  }

  /** Locks with at least one waiter. */
  int contendedCount() {
    return contended.size();
  }

  // ---- for the leader's tasks and the gauges (any thread) ----

  LeaseIndex leaseIndex() {
    return leaseIndex;
  }

  public int holderCount() {
    return holderCount;
  }

  public int waiterCount() {
    return waiterCount;
  }

  // ---- snapshots ----

  long clock() {
    return clock;
  }

  Map<String, ResourceLock> locks() {
    return locks;
  }

  RecentRequests recent() {
    return recent;
  }

  /** Replaces the whole state (see {@link LockSnapshot}). */
  void reset(long clock, List<ResourceLock> restored) {
    locks.clear();
    waitingRequests.clear();
    leaseIndex.clear();
    claims.clear();
    contended.clear();
    recent.reset(Map.of(), Map.of());
    this.clock = clock;
    int holders = 0;
    for (ResourceLock restoredLock : restored) {
      // Rebuilt entry by entry, so the indexes count exactly as apply would have.
      ResourceLock r = new ResourceLock(restoredLock.name);
      locks.put(r.name, r);
      for (Holder h : restoredLock.holders.values()) {
        claims.joining(r, h.owner);
        r.holders.put(h.owner, h);
        leaseIndex.add(h.lease(r.name));
        holders++;
      }
      for (Waiter w : restoredLock.waiters) {
        claims.joining(r, w.owner());
        r.waiters.add(w);
        contended.add(r.name);
        waitingRequests.put(w.requestId(), r.name);
        leaseIndex.add(new LeaseIndex.Deadline(w.deadline(), w.requestId()));
      }
    }
    holderCount = holders;
    waiterCount = waitingRequests.size();
  }
}
