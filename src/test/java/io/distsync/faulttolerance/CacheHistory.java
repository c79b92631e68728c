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
    List<Op> reads =
        all.stream()
            .filter(o -> !o.write() && o.ok())
            .sorted(Comparator.comparingLong(Op::end))
            .toList();
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
      for (Op done : completedWrites) {
        if (done.end() < r.start() && done.version() > r.version()) {
          found.add(r + " is older than " + done + ", which completed before the read began");
          break;
        }
      }
    }
    for (Op r1 : reads) {
      for (Op r2 : reads) {
        if (r1.end() < r2.start() && r2.version() < r1.version()) {
          found.add(r2 + " is older than " + r1 + ", which ended before it began");
        }
      }
    }
  }
}
