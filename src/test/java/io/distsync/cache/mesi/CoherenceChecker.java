package io.distsync.cache.mesi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two checks of the coherence simulation. {@link #checkLines} runs after every simulated event:
 * a key is held MODIFIED or EXCLUSIVE by at most one serving node and then by no other, and every
 * line a node serves is registered in the directory (so no write can miss it). {@link
 * #checkHistory} runs at the end over every completed operation: no read returns a value older than
 * a write (or delete) that completed before the read began, every value read was written with that
 * version, and a read that begins after another read ended never returns an older version.
 */
final class CoherenceChecker {

  /**
   * One completed operation; times are positions in the logical order of invocations and replies.
   */
  record Op(
      String kind,
      String node,
      String key,
      long start,
      long end,
      boolean found,
      String value,
      long version) {
    boolean isRead() {
      return kind.equals("read");
    }
  }

  private final List<Op> ops = new ArrayList<>();
  private long tick;

  long tick() {
    return ++tick;
  }

  void record(Op op) {
    if (InMemoryDirectory.trace) {
      System.err.println("DONE " + op);
    }
    ops.add(op);
  }

  int size() {
    return ops.size();
  }

  static void checkLines(CacheSim sim, List<String> keys) {
    for (String key : keys) {
      List<String> holders = new ArrayList<>();
      int exclusive = 0;
      for (CacheNode n : sim.nodes) {
        LocalCache.LineView line = n.cache.get(key);
        if (line == null || !n.serving() || line.epoch() != n.epoch()) {
          continue;
        }
        String holder = new Holder(n.nodeId(), line.epoch()).toString();
        holders.add(holder + ":" + line.state().letter());
        String owner = sim.directory.owner(key);
        if (line.state().exclusive()) {
          exclusive++;
          if (!holder.equals(owner)) {
            throw new AssertionError(
                "t="
                    + sim.scheduler.now()
                    + " "
                    + holder
                    + " holds "
                    + key
                    + " "
                    + line.state()
                    + " but the directory's owner is "
                    + owner);
          }
        } else if (!holder.equals(owner) && !sim.directory.sharers(key).contains(holder)) {
          throw new AssertionError(
              "t="
                  + sim.scheduler.now()
                  + " "
                  + holder
                  + " holds "
                  + key
                  + " SHARED ("
                  + line
                  + ") but the directory does not list it: owner "
                  + owner
                  + ", sharers "
                  + sim.directory.sharers(key));
        }
      }
      if (exclusive > 0 && holders.size() > 1) {
        throw new AssertionError(
            "t="
                + sim.scheduler.now()
                + " key "
                + key
                + " held exclusively and elsewhere: "
                + holders);
      }
    }
  }

  void checkHistory() {
    Map<String, List<Op>> byKey = new HashMap<>();
    for (Op op : ops) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    byKey.forEach(this::checkKey);
  }

  private void checkKey(String key, List<Op> all) {
    List<Op> writes = all.stream().filter(o -> !o.isRead()).toList();
    Map<Long, Op> byVersion = new HashMap<>();
    for (Op w : writes) {
      Op twin = byVersion.put(w.version(), w);
      if (twin != null) {
        throw new AssertionError(
            "version " + w.version() + " of " + key + " given twice: " + twin + " and " + w);
      }
    }
    List<Op> reads =
        all.stream().filter(Op::isRead).sorted(Comparator.comparingLong(Op::end)).toList();
    for (Op r : reads) {
      Optional<Op> latest =
          writes.stream()
              .filter(w -> w.end() < r.start())
              .max(Comparator.comparingLong(Op::version));
      if (r.found()) {
        Op w = byVersion.get(r.version());
        if (w == null || !w.kind().equals("write") || !w.value().equals(r.value())) {
          throw new AssertionError(r + " read a value no write made with that version: " + w);
        }
        if (w.start() > r.end()) {
          throw new AssertionError(r + " read a write that had not started: " + w);
        }
        if (latest.isPresent() && latest.get().version() > r.version()) {
          throw new AssertionError(
              r + " is older than " + latest.get() + ", which completed first");
        }
      } else if (latest.isPresent()) {
        long floor = latest.get().version();
        boolean deleted =
            writes.stream()
                .anyMatch(
                    w -> w.kind().equals("delete") && w.version() >= floor && w.start() < r.end());
        if (!deleted) {
          throw new AssertionError(r + " found nothing after " + latest.get() + " completed");
        }
      }
    }
    long newestSeen = 0;
    Op newestRead = null;
    int i = 0;
    List<Op> byStart = reads.stream().sorted(Comparator.comparingLong(Op::start)).toList();
    for (Op r : byStart) {
      while (i < reads.size() && reads.get(i).end() < r.start()) {
        Op done = reads.get(i++);
        if (done.found() && done.version() > newestSeen) {
          newestSeen = done.version();
          newestRead = done;
        }
      }
      if (r.found() && r.version() < newestSeen) {
        throw new AssertionError(
            r + " is older than " + newestRead + ", which ended before it began");
      }
    }
  }
}
