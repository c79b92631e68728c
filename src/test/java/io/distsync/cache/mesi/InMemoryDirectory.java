package io.distsync.cache.mesi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The {@link Directory} as plain Java, step for step the Lua scripts of {@code
 * io.distsync.cache.DirectoryScripts} (the simulation's Redis). Time for lock and lease expiry
 * comes from {@code clock}; expiry of values from the {@code now} the caller passes, as in Redis.
 * {@code DirectoryContract} runs the same cases against this and the real scripts.
 */
public final class InMemoryDirectory implements Directory {

  private static final class Entry {
    String value;
    long ver;
    long exp;
    String owner;
    String ownerToken;
    final Map<String, String> sharers = new LinkedHashMap<>();

    boolean empty() {
      return value == null && owner == null && ver == 0;
    }
  }

  private record Expiring(String value, long until) {}

  private final LongSupplier clock;
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, Expiring> locks = new HashMap<>();
  private final Map<String, java.util.ArrayDeque<String>> lines = new HashMap<>();
  private final Map<String, Expiring> leases = new HashMap<>();
  private final Map<String, Expiring> revoked = new HashMap<>();
  private final Map<String, Long> epochs = new HashMap<>();
  private long seq;
  private long revocations;
  private long acquireCalls;
  private long acquired;
  private long writeSteps;

  /** Calls of {@link #acquire}, and those that took the lock. */
  public synchronized long[] acquires() {
    return new long[] {acquireCalls, acquired};
  }

  /** Write commits (locked or by the owner), each ending one batch of writes. */
  public synchronized long writeSteps() {
    return writeSteps;
  }

  /** Leases revoked so far (a holder that did not answer was declared dead). */
  public synchronized long revocations() {
    return revocations;
  }

  static volatile boolean trace = Boolean.getBoolean("cache.sim.trace");

  private void log(String what) {
    if (trace) {
      System.err.println("t=" + clock.getAsLong() + " " + what);
    }
  }

  public InMemoryDirectory(LongSupplier clock) {
    this.clock = clock;
  }

  private String get(Map<String, Expiring> map, String key) {
    Expiring e = map.get(key);
    if (e == null) {
      return null;
    }
    if (e.until() <= clock.getAsLong()) {
      map.remove(key);
      return null;
    }
    return e.value();
  }

  private long pttl(Map<String, Expiring> map, String key) {
    return get(map, key) == null ? -2 : map.get(key).until() - clock.getAsLong();
  }

  boolean alive(String holder) {
    Holder h = Holder.parse(holder);
    return String.valueOf(h.epoch()).equals(get(leases, h.nodeId()));
  }

  private static boolean live(Entry e, long now) {
    return e.exp == 0 || e.exp > now;
  }

  private Entry entry(String key) {
    return entries.computeIfAbsent(key, k -> new Entry());
  }

  private void tidy(String key) {
    Entry e = entries.get(key);
    if (e != null && e.empty() && e.sharers.isEmpty()) {
      entries.remove(key);
    }
  }

  private long nextVersions(Entry e, int n) {
    seq += n;
    if (seq - n < e.ver) {
      seq = e.ver + n;
    }
    return seq - n + 1;
  }

  private long nextVersion(Entry e) {
    return nextVersions(e, 1);
  }

  private boolean tokenAlive(String token) {
    int i = token.lastIndexOf('#');
    return i > 0 && token.indexOf('#') < i && alive(token.substring(0, i));
  }

  private boolean holdsLock(String key, String token) {
    return token.equals(get(locks, key));
  }

  @Override
  public synchronized DirView acquire(String key, String token, long lockMs, long now) {
    acquireCalls++;
    String cur = get(locks, key);
    if (cur != null && !cur.equals(token)) {
      // Held: wait in line, first come first served (asking again keeps the place).
      java.util.ArrayDeque<String> line =
          lines.computeIfAbsent(key, k -> new java.util.ArrayDeque<>());
      if (!line.contains(token)) {
        line.addLast(token);
      }
      return DirView.BUSY;
    }
    acquired++;
    locks.put(key, new Expiring(token, clock.getAsLong() + lockMs));
    leaveLine(key, token);
    log((cur == null ? "acquire " : "take up ") + key + " " + token);
    Entry e = entry(key);
    if (e.owner != null && !alive(e.owner)) {
      e.owner = null;
      e.ownerToken = null;
    }
    e.sharers.keySet().removeIf(h -> !alive(h));
    List<String> sharers = new ArrayList<>(e.sharers.keySet());
    boolean exists = (e.value != null && live(e, now)) || e.owner != null;
    DirView view = new DirView(true, e.owner, sharers, exists);
    tidy(key);
    return view;
  }

  @Override
  public synchronized Fill commitRead(
      String key, String token, String self, String handledOwner, boolean ownerKeeps, long now) {
    if (!holdsLock(key, token)) {
      return Fill.LOST_LOCK;
    }
    Entry e = entry(key);
    String prefix = Holder.parse(self).nodeId() + "#";
    try {
      if (e.owner != null && e.owner.equals(handledOwner)) {
        if (ownerKeeps) {
          e.sharers.put(e.owner, e.ownerToken);
        }
        e.owner = null;
        e.ownerToken = null;
      }
      if (e.owner != null && (e.owner.startsWith(prefix) || !alive(e.owner))) {
        e.owner = null;
        e.ownerToken = null;
      }
      if (e.owner != null) {
        return Fill.LOST_LOCK;
      }
      e.sharers.keySet().removeIf(h -> h.startsWith(prefix) || !alive(h));
      if (e.value == null || !live(e, now)) {
        return Fill.MISSING;
      }
      MesiState state;
      if (e.sharers.isEmpty()) {
        e.owner = self;
        e.ownerToken = token;
        state = MesiState.EXCLUSIVE;
      } else {
        e.sharers.put(self, token);
        state = MesiState.SHARED;
      }
      log(
          "commitRead "
              + key
              + " "
              + self
              + " "
              + state
              + " owner="
              + e.owner
              + " sharers="
              + e.sharers.keySet());
      return new Fill(Fill.OK, e.value, e.ver, e.exp, state);
    } finally {
      tidy(key);
    }
  }

  @Override
  public synchronized long commitWrite(
      String key,
      String token,
      String self,
      String value,
      long expiresAt,
      boolean store,
      int count) {
    if (!holdsLock(key, token)) {
      return -1;
    }
    writeSteps++;
    Entry e = entry(key);
    long nv = nextVersions(e, count);
    e.sharers.clear();
    e.owner = self;
    e.ownerToken = token;
    if (store) {
      e.value = value;
      e.ver = nv + count - 1;
      e.exp = expiresAt;
    }
    log("commitWrite " + key + " " + self + " v" + nv + " x" + count + " " + value);
    return nv;
  }

  @Override
  public synchronized long commitDelete(String key, String token) {
    if (!holdsLock(key, token)) {
      return -1;
    }
    long nv = nextVersion(entry(key));
    entries.remove(key);
    return nv;
  }

  @Override
  public synchronized boolean commitInvalidate(String key, String token) {
    if (!holdsLock(key, token)) {
      return false;
    }
    Entry e = entry(key);
    e.owner = null;
    e.ownerToken = null;
    e.sharers.clear();
    tidy(key);
    return true;
  }

  @Override
  public synchronized String release(String key, String token, long lockMs) {
    if (!holdsLock(key, token)) {
      leaveLine(key, token);
      return null;
    }
    java.util.ArrayDeque<String> line = lines.get(key);
    while (line != null && !line.isEmpty()) {
      String next = line.pollFirst();
      // A waiter whose node's lease epoch ended will never take it up.
      if (tokenAlive(next)) {
        locks.put(key, new Expiring(next, clock.getAsLong() + lockMs));
        log("release " + key + " " + token + " to " + next);
        return next;
      }
    }
    lines.remove(key);
    locks.remove(key);
    log("release " + key + " " + token);
    return null;
  }

  private void leaveLine(String key, String token) {
    java.util.ArrayDeque<String> line = lines.get(key);
    if (line != null) {
      line.remove(token);
      if (line.isEmpty()) {
        lines.remove(key);
      }
    }
  }

  @Override
  public synchronized boolean extend(String key, String token, long lockMs) {
    if (!holdsLock(key, token)) {
      return false;
    }
    locks.put(key, new Expiring(token, clock.getAsLong() + lockMs));
    return true;
  }

  @Override
  public synchronized long ownerWrite(
      String key, String self, String token, String value, long expiresAt, int count) {
    Entry e = entries.get(key);
    if (e == null || !self.equals(e.owner) || !token.equals(e.ownerToken)) {
      return -1;
    }
    writeSteps++;
    long nv = nextVersions(e, count);
    e.value = value;
    e.ver = nv + count - 1;
    e.exp = expiresAt;
    log("ownerWrite " + key + " " + self + " v" + nv + " x" + count + " " + value);
    return nv;
  }

  @Override
  public synchronized boolean flush(
      String key,
      String self,
      String token,
      String value,
      long version,
      long expiresAt,
      boolean forget) {
    Entry e = entries.get(key);
    if (e == null || !self.equals(e.owner) || !token.equals(e.ownerToken)) {
      return false;
    }
    log(
        "flush "
            + key
            + " "
            + self
            + " v"
            + version
            + " "
            + value
            + " (stored v"
            + e.ver
            + ") forget="
            + forget);
    if (version > e.ver) {
      e.value = value;
      e.ver = version;
      e.exp = expiresAt;
      seq = Math.max(seq, version);
    }
    if (forget) {
      e.owner = null;
      e.ownerToken = null;
      tidy(key);
    }
    return true;
  }

  @Override
  public synchronized void forget(String key, String self, String token) {
    log("forget " + key + " " + self + " " + token);
    Entry e = entries.get(key);
    if (e == null) {
      return;
    }
    if (self.equals(e.owner) && token.equals(e.ownerToken)) {
      e.owner = null;
      e.ownerToken = null;
    }
    if (token.equals(e.sharers.get(self))) {
      e.sharers.remove(self);
    }
    tidy(key);
  }

  @Override
  public synchronized Fill peek(String key, long now) {
    Entry e = entries.get(key);
    if (e == null || e.value == null || !live(e, now)) {
      return Fill.MISSING;
    }
    return new Fill(Fill.OK, e.value, e.ver, e.exp, MesiState.INVALID);
  }

  @Override
  public synchronized long beginEpoch(String nodeId, long ttlMs) {
    long e = epochs.merge(nodeId, 1L, Long::sum);
    leases.put(nodeId, new Expiring(String.valueOf(e), clock.getAsLong() + ttlMs));
    revoked.remove(nodeId);
    log("beginEpoch " + nodeId + " " + e);
    return e;
  }

  @Override
  public synchronized int renew(String nodeId, long epoch, long ttlMs) {
    String e = String.valueOf(epoch);
    if (e.equals(get(revoked, nodeId))) {
      return -1;
    }
    if (!e.equals(get(leases, nodeId))) {
      return -2;
    }
    leases.put(nodeId, new Expiring(e, clock.getAsLong() + ttlMs));
    return 1;
  }

  @Override
  public synchronized long revoke(String nodeId, long epoch) {
    log("revoke " + nodeId + " " + epoch);
    String cur = get(leases, nodeId);
    if (cur == null || (epoch != 0 && !cur.equals(String.valueOf(epoch)))) {
      return 0;
    }
    long t = pttl(leases, nodeId);
    if (t <= 0) {
      return 0;
    }
    revoked.put(nodeId, new Expiring(cur, clock.getAsLong() + t + 60_000));
    revocations++;
    return t;
  }

  @Override
  public synchronized void endEpoch(String nodeId, long epoch) {
    if (String.valueOf(epoch).equals(get(leases, nodeId))) {
      leases.remove(nodeId);
    }
  }

  // ---- for the simulation's checks ----

  /** The stored value and version of a key, or null. */
  public synchronized Fill stored(String key) {
    Entry e = entries.get(key);
    return e == null || e.value == null
        ? null
        : new Fill(Fill.OK, e.value, e.ver, e.exp, MesiState.INVALID);
  }

  /** The key's owner holder, or null. */
  public synchronized String owner(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.owner;
  }

  /** The key's sharer holders. */
  public synchronized java.util.Set<String> sharers(String key) {
    Entry e = entries.get(key);
    return e == null ? java.util.Set.of() : java.util.Set.copyOf(e.sharers.keySet());
  }

  /** Whether {@code holder}'s lease key is live (it may still serve lines of that epoch). */
  public synchronized boolean leaseLive(String nodeId, long epoch) {
    return String.valueOf(epoch).equals(get(leases, nodeId));
  }
}
