package io.distsync.faulttolerance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record of cache operations made over HTTP by several client threads, and the coherence check of
 * the contract: no read returns a value older than a write that completed before the read began
 * (versions order the writes of a key), every value read was written (with the version the write
 * answered), and a read that begins after another ended never sees an older version. Times are
 * {@link System#nanoTime()} of this JVM, taken just before sending and just after the answer.
 */
final class CacheHistory {

  /**
   * One operation.
   *
   * @param status the HTTP status, or -1 when no answer came (outcome unknown)
   * @param value for a write, the value written (unique); for a read, the value read
   */
  record Op(
      boolean write,
      int node,
      String key,
      long start,
      long end,
      int status,
      String value,
      long version) {
    boolean ok() {
      return status == 200;
    }
  }

  private static final int MAX_REPORTED = 100;

  private final List<Op> ops = Collections.synchronizedList(new ArrayList<>());

  void add(Op op) {
    ops.add(op);
  }

  List<Op> ops() {
    synchronized (ops) {
      return List.copyOf(ops);
    }
  }

  long count(boolean write, int status) {
    return ops().stream().filter(o -> o.write() == write && o.status() == status).count();
  }

  /** Every violation found; empty when the history is coherent. */
  List<String> violations() {
    List<String> found = new ArrayList<>();
    Map<String, List<Op>> byKey = new HashMap<>();
    for (Op op : ops()) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    byKey.forEach((key, all) -> check(all, found));
    return found;
  }

  private static void check(List<Op> all, List<String> found) {
    Map<String, Op> writesByValue = new HashMap<>();
    List<Op> completedWrites = new ArrayList<>();
    for (Op op : all) {
      if (op.write()) {
        writesByValue.put(op.value(), op);
        if (op.ok()) {
          completedWrites.add(op);
        }
      }
    }
    List<Op> reads = all.stream().filter(o -> !o.write() && o.ok()).toList();
    for (Op r : reads) {
      Op w = writesByValue.get(r.value());
      if (w == null) {
        found.add(r + " read a value no write of this test made");
        continue;
      }
      if (w.ok() && w.version() != r.version()) {
        found.add(r + " read " + w + " with another version");
      }
      if (w.start() > r.end()) {
        found.add(r + " read " + w + ", which had not started");
      }
    }
    // One sweep each, in order of the reads' starts (n log n: a ten-minute history is large):
    // the newest completed write, and the newest read, that ended before the read began.
    List<Op> byStart = reads.stream().sorted(Comparator.comparingLong(Op::start)).toList();
    newerBefore(byStart, completedWrites, "completed before the read began", found);
    newerBefore(byStart, reads, "ended before it began", found);
  }

  private static void newerBefore(
      List<Op> readsByStart, List<Op> earlier, String relation, List<String> found) {
    List<Op> byEnd = earlier.stream().sorted(Comparator.comparingLong(Op::end)).toList();
    int next = 0;
    Op newest = null;
    for (Op r : readsByStart) {
      while (next < byEnd.size() && byEnd.get(next).end() < r.start()) {
        Op e = byEnd.get(next++);
        if (newest == null || e.version() > newest.version()) {
          newest = e;
        }
      }
      if (newest != null && newest.version() > r.version() && found.size() < MAX_REPORTED) {
        found.add(r + " is older than " + newest + ", which " + relation);
      }
    }
  }
}
