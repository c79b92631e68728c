package io.distsync.raft.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client operations with their real-time order: logical invoke and response stamps from one
 * counter. An operation whose outcome is unknown (timeout, lost leadership, crashed node) keeps
 * response {@link Long#MAX_VALUE}: it may have taken effect at any point after its invocation, or
 * never.
 */
public final class History {
  public enum Kind {
    PUT,
    CAS,
    GET
  }

  /** One client operation on one key. */
  public static final class Op {
    final long id;
    final Kind kind;
    final String key;
    final String arg1;
    final String arg2;
    final long invoke;
    long response = Long.MAX_VALUE;
    String result; // null while unknown

    Op(long id, Kind kind, String key, String arg1, String arg2, long invoke) {
      this.id = id;
      this.kind = kind;
      this.key = key;
      this.arg1 = arg1;
      this.arg2 = arg2;
      this.invoke = invoke;
    }

    boolean known() {
      return result != null;
    }

    @Override
    public String toString() {
      return "#"
          + id
          + " "
          + kind
          + "("
          + key
          + (arg1 == null ? "" : "," + arg1)
          + (arg2 == null ? "" : "," + arg2)
          + ") -> "
          + (known() ? result : "?")
          + " ["
          + invoke
          + ","
          + (response == Long.MAX_VALUE ? "inf" : response)
          + "]";
    }
  }

  private final Map<Long, Op> ops = new LinkedHashMap<>();
  private long clock;
  private long nextId = 1;

  public Op invoke(Kind kind, String key, String arg1, String arg2) {
    Op op = new Op(nextId++, kind, key, arg1, arg2, ++clock);
    ops.put(op.id, op);
    return op;
  }

  public void ok(Op op, String result) {
    op.response = ++clock;
    op.result = result;
  }

  /** The operation certainly did not take effect (e.g. NotLeaderException): drop it. */
  public void notApplied(Op op) {
    ops.remove(op.id);
  }

  /** Outcome unknown: keep it open-ended (reads are dropped, they have no effect). */
  public void unknown(Op op) {
    if (op.kind == Kind.GET) {
      ops.remove(op.id);
    }
  }

  public List<Op> opsFor(String key) {
    List<Op> out = new ArrayList<>();
    for (Op op : ops.values()) {
      if (op.key.equals(key) && (op.known() || op.kind != Kind.GET)) {
        out.add(op);
      }
    }
    return out;
  }

  public List<String> keys() {
    return ops.values().stream().map(o -> o.key).distinct().sorted().toList();
  }

  public int size() {
    return ops.size();
  }
}
