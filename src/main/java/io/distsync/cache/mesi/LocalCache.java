package io.distsync.cache.mesi;

import io.distsync.cache.eviction.EvictionPolicy;
import io.distsync.cache.eviction.EvictionPolicy.Handle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's lines, bounded by the capacity, in segments each guarded by its own short lock (no
 * global lock on the hit path) with its own LRU or LFU order; small caches have one segment, so
 * their eviction order is exact. Every state change goes through here and is counted in {@link
 * CacheStats}. No method does I/O: a MODIFIED value that leaves a line (downgrade, drop, eviction)
 * is registered as <em>draining</em> in the same critical section, and whoever writes it back
 * completes it; handlers and operations on that key wait for it before they read Redis.
 */
public final class LocalCache {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
  private static final int SEGMENTS_FOR_LARGE = 16;
  private static final int LARGE = 1024;

  /** An immutable copy of a line. */
  public record LineView(
      String key,
      String value,
      long version,
      MesiState state,
      long expiresAt,
      String token,
      long epoch) {}

  /**
   * A line taken out of its state: its copy before the change, and, when it was MODIFIED, the
   * future to complete once its value is written back.
   */
  public record Taken(LineView line, CompletableFuture<Void> drain) {
    public boolean dirty() {
      return drain != null;
    }
  }

  /** What an install did: whether the line went in, and which lines it evicted. */
  public record Installed(boolean installed, List<Taken> evicted) {}

  /**
   * An operation's claim to install a line after its commit. A downgrade or invalidation of the key
   * that arrives first poisons it: the operation must not install a copy that may be stale.
   */
  public static final class Ticket {
    private boolean poisoned;
  }

  private static final class Line {
    final String key;
    String value;
    long version;
    MesiState state;
    long expiresAt;
    String token;
    long epoch;
    int ownerWrites; // write-through owner writes in flight on this line
    Handle<String> handle;

    Line(String key) {
      this.key = key;
    }

    LineView view() {
      return new LineView(key, value, version, state, expiresAt, token, epoch);
    }
  }

  private static final class Segment {
    final ReentrantLock lock = new ReentrantLock();
    final Map<String, Line> lines = new HashMap<>();
    final Map<String, Ticket> pending = new HashMap<>();
    final EvictionPolicy<String> policy;
    final int capacity;

    Segment(EvictionPolicy.Kind kind, int capacity) {
      this.policy = EvictionPolicy.of(kind);
      this.capacity = capacity;
    }
  }

  private final Segment[] segments;
  private final CacheStats stats;
  private final Map<String, CompletableFuture<Void>> draining = new ConcurrentHashMap<>();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();

  public LocalCache(int capacity, EvictionPolicy.Kind kind, CacheStats stats) {
    this.stats = stats;
    int n = capacity >= LARGE ? SEGMENTS_FOR_LARGE : 1;
    segments = new Segment[n];
    for (int i = 0; i < n; i++) {
      segments[i] = new Segment(kind, capacity / n + (i < capacity % n ? 1 : 0));
    }
  }

  private Segment segment(String key) {
    int h = key.hashCode();
    h ^= h >>> 16;
    return segments[h & (segments.length - 1)];
  }

  /** The line if it is present and not expired, counted as a use; null otherwise. */
  public LineView hit(String key, long now) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      if (line == null || (line.expiresAt != 0 && now >= line.expiresAt)) {
        return null;
      }
      s.policy.touch(line.handle);
      return line.view();
    } finally {
      s.lock.unlock();
    }
  }

  /** The line, without counting a use; null when absent. */
  public LineView get(String key) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      return line == null ? null : line.view();
    } finally {
      s.lock.unlock();
    }
  }

  /** Opens the ticket an operation installs with, before it commits in Redis. */
  public Ticket open(String key) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Ticket t = new Ticket();
      s.pending.put(key, t);
      return t;
    } finally {
      s.lock.unlock();
    }
  }

  /** Withdraws a ticket that will not be used (the commit failed). */
  public void close(String key, Ticket ticket) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      s.pending.remove(key, ticket);
    } finally {
      s.lock.unlock();
    }
  }

  /** A downgrade or invalidation of the key arrived: a pending install must not happen. */
  public void poison(String key) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Ticket t = s.pending.get(key);
      if (t != null) {
        t.poisoned = true;
      }
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Installs (or replaces) a line with {@code ticket}, unless the ticket was poisoned or the line's
   * epoch is no longer {@code currentEpoch}; evicts to stay within capacity.
   */
  public Installed install(Ticket ticket, LineView next, long currentEpoch) {
    Segment s = segment(next.key());
    List<Taken> evicted = new ArrayList<>(1);
    s.lock.lock();
    try {
      s.pending.remove(next.key(), ticket);
      if (ticket.poisoned || next.epoch() != currentEpoch) {
        // A copy this node kept for the install to replace may be stale now: it goes too.
        if (s.lines.containsKey(next.key())) {
          evicted.add(removeLocked(s, next.key()));
        }
        return new Installed(false, evicted);
      }
      Line line = s.lines.get(next.key());
      MesiState before = MesiState.INVALID;
      if (line == null) {
        while (s.lines.size() >= s.capacity) {
          evicted.add(removeLocked(s, s.policy.victim()));
          stats.eviction();
        }
        line = new Line(next.key());
        line.handle = s.policy.add(next.key());
        s.lines.put(next.key(), line);
      } else {
        before = line.state;
        s.policy.touch(line.handle);
      }
      line.value = next.value();
      line.version = next.version();
      line.state = next.state();
      line.expiresAt = next.expiresAt();
      line.token = next.token();
      line.epoch = next.epoch();
      markDirty(next.key(), next.state() == MesiState.MODIFIED);
      stats.transition(before, next.state());
      return new Installed(true, evicted);
    } finally {
      s.lock.unlock();
    }
  }

  /** Removes the line (to INVALID); null when there was none. */
  public Taken drop(String key) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      return s.lines.containsKey(key) ? removeLocked(s, key) : null;
    } finally {
      s.lock.unlock();
    }
  }

  /** Removes the line only if it is still the one registered as {@code token}. */
  public Taken dropIfRegisteredAs(String key, String token) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      return line != null && token.equals(line.token) ? removeLocked(s, key) : null;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * MODIFIED or EXCLUSIVE to SHARED; null when there is no line. A line with an owner write in
   * flight is dropped instead (to INVALID): check {@link #get} afterwards to know if it was kept.
   */
  public Taken downgrade(String key) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      if (line == null) {
        return null;
      }
      if (line.ownerWrites > 0) {
        return removeLocked(s, key);
      }
      LineView before = line.view();
      CompletableFuture<Void> drain = null;
      if (line.state == MesiState.MODIFIED) {
        drain = startDrain(key);
        markDirty(key, false);
      }
      if (line.state != MesiState.SHARED) {
        stats.transition(line.state, MesiState.SHARED);
        line.state = MesiState.SHARED;
      }
      return new Taken(before, drain);
    } finally {
      s.lock.unlock();
    }
  }

  /** Whether this node holds the key EXCLUSIVE or MODIFIED in {@code currentEpoch}. */
  public boolean heldExclusively(String key, long currentEpoch) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      return line != null && line.state.exclusive() && line.epoch == currentEpoch;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * A write by the line's exclusive holder that needs no message (EXCLUSIVE to MODIFIED, or
   * MODIFIED again): the new version, or -1 when this node does not hold the key exclusively.
   */
  public long writeSilently(String key, String value, long expiresAt, long currentEpoch) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      if (line == null || !line.state.exclusive() || line.epoch != currentEpoch) {
        return -1;
      }
      line.value = value;
      line.version++;
      line.expiresAt = expiresAt;
      stats.transition(line.state, MesiState.MODIFIED);
      line.state = MesiState.MODIFIED;
      markDirty(key, true);
      s.policy.touch(line.handle);
      return line.version;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Starts a write-through owner write (without the lock) if this node holds the key EXCLUSIVE in
   * the epoch: the line's registration token, or null. Until {@link #afterOwnerWrite} the line is
   * not kept on a downgrade (it is dropped instead), since Redis may already hold a newer value.
   */
  public String beginOwnerWrite(String key, long currentEpoch) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      if (line == null || line.state != MesiState.EXCLUSIVE || line.epoch != currentEpoch) {
        return null;
      }
      line.ownerWrites++;
      return line.token;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Ends an owner write begun with {@code token}. When it stored {@code version} (positive) and the
   * line is still that EXCLUSIVE line, the line takes the value; a line that changed meanwhile is
   * dropped, since it may be older than Redis. True when the line holds the written value.
   */
  public boolean afterOwnerWrite(
      String key, String token, String value, long version, long expiresAt) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      if (line == null || !token.equals(line.token)) {
        return false;
      }
      line.ownerWrites--;
      if (version > 0 && line.state == MesiState.EXCLUSIVE && version > line.version) {
        line.value = value;
        line.version = version;
        line.expiresAt = expiresAt;
        s.policy.touch(line.handle);
        return true;
      }
      if (line.state != MesiState.EXCLUSIVE || version < 0) {
        removeLocked(s, key);
      }
      return false;
    } finally {
      s.lock.unlock();
    }
  }

  /** A MODIFIED line whose {@code version} was written back becomes EXCLUSIVE (clean). */
  public boolean markClean(String key, long version) {
    Segment s = segment(key);
    s.lock.lock();
    try {
      Line line = s.lines.get(key);
      if (line == null || line.state != MesiState.MODIFIED || line.version != version) {
        return false;
      }
      stats.transition(MesiState.MODIFIED, MesiState.EXCLUSIVE);
      line.state = MesiState.EXCLUSIVE;
      markDirty(key, false);
      return true;
    } finally {
      s.lock.unlock();
    }
  }

  /** The keys of MODIFIED lines. */
  public List<String> dirtyKeys() {
    return new ArrayList<>(dirty);
  }

  /** Drops every line and poisons every pending install (the end of an epoch). */
  public List<Taken> clear() {
    List<Taken> out = new ArrayList<>();
    for (Segment s : segments) {
      s.lock.lock();
      try {
        for (String key : new ArrayList<>(s.lines.keySet())) {
          out.add(removeLocked(s, key));
        }
        s.pending.values().forEach(t -> t.poisoned = true);
      } finally {
        s.lock.unlock();
      }
    }
    return out;
  }

  /** A copy of every line. */
  public List<LineView> lines() {
    List<LineView> out = new ArrayList<>();
    for (Segment s : segments) {
      s.lock.lock();
      try {
        s.lines.values().forEach(l -> out.add(l.view()));
      } finally {
        s.lock.unlock();
      }
    }
    return out;
  }

  /**
   * Copies of the first {@code n} lines in key order whose key sorts after {@code after} (null:
   * from the first). One pass over the lines, keeping only the {@code n} smallest keys seen: a page
   * costs memory for its own lines, not for a sorted copy of the cache.
   */
  public List<LineView> linesAfter(String after, int n) {
    TreeMap<String, LineView> smallest = new TreeMap<>();
    if (n <= 0) {
      return List.of();
    }
    for (Segment s : segments) {
      s.lock.lock();
      try {
        for (Line l : s.lines.values()) {
          if (after != null && l.key.compareTo(after) <= 0) {
            continue;
          }
          if (smallest.size() < n) {
            smallest.put(l.key, l.view());
          } else if (l.key.compareTo(smallest.lastKey()) < 0) {
            smallest.pollLastEntry();
            smallest.put(l.key, l.view()); // copied under its segment's lock
          }
        }
      } finally {
        s.lock.unlock();
      }
    }
    return new ArrayList<>(smallest.values());
  }

  public int size() {
    int n = 0;
    for (Segment s : segments) {
      s.lock.lock();
      try {
        n += s.lines.size();
      } finally {
        s.lock.unlock();
      }
    }
    return n;
  }

  /** Completes once no MODIFIED value of the key is on its way to Redis. */
  public CompletableFuture<Void> drained(String key) {
    return draining.getOrDefault(key, DONE);
  }

  /** The write-back of a drained value is over (done or failed). */
  public void finishDrain(String key, CompletableFuture<Void> drain) {
    drain.complete(null);
    draining.computeIfPresent(key, (k, f) -> f.isDone() ? null : f);
  }

  private Taken removeLocked(Segment s, String key) {
    Line line = s.lines.remove(key);
    s.policy.remove(line.handle);
    CompletableFuture<Void> drain = null;
    if (line.state == MesiState.MODIFIED) {
      drain = startDrain(key);
      markDirty(key, false);
    }
    stats.transition(line.state, MesiState.INVALID);
    return new Taken(line.view(), drain);
  }

  private CompletableFuture<Void> startDrain(String key) {
    CompletableFuture<Void> drain = new CompletableFuture<>();
    draining.merge(key, drain, (old, next) -> CompletableFuture.allOf(old, next));
    return drain;
  }

  private void markDirty(String key, boolean isDirty) {
    if (isDirty) {
      dirty.add(key);
    } else {
      dirty.remove(key);
    }
  }
}
