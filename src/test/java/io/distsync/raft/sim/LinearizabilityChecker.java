package io.distsync.raft.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Wing &amp; Gong style linearizability check of a register history, one key at a time (a history
 * is linearizable iff each key's is): depth-first search over the operations that may take effect
 * next, memoizing (set of linearized operations, register value). Operations with unknown outcome
 * may be linearized anywhere after their invocation, or left out.
 */
public final class LinearizabilityChecker {
  private LinearizabilityChecker() {}

  /** Null when linearizable, else a description of the offending key's history. */
  public static String check(History history) {
    for (String key : history.keys()) {
      List<History.Op> ops = history.opsFor(key);
      if (ops.size() > 62) {
        throw new IllegalArgumentException("history of key " + key + " too long: " + ops.size());
      }
      if (!new Search(ops).run()) {
        StringBuilder sb = new StringBuilder("not linearizable, key " + key + ":");
        ops.forEach(o -> sb.append("\n  ").append(o));
        return sb.toString();
      }
    }
    return null;
  }

  private static final class Search {
    private final List<History.Op> ops;
    private final long mustDo; // bit set of operations with a known result
    private final Set<String> seen = new HashSet<>();

    Search(List<History.Op> ops) {
      this.ops = ops;
      long m = 0;
      for (int i = 0; i < ops.size(); i++) {
        if (ops.get(i).known()) {
          m |= 1L << i;
        }
      }
      mustDo = m;
    }

    boolean run() {
      return dfs(0, "null");
    }

    private boolean dfs(long done, String value) {
      if ((done & mustDo) == mustDo) {
        return true;
      }
      if (!seen.add(done + "/" + value)) {
        return false;
      }
      // An operation can go next only if no pending known operation finished before it started.
      long minResponse = Long.MAX_VALUE;
      for (int i = 0; i < ops.size(); i++) {
        if ((done & (1L << i)) == 0 && ops.get(i).known()) {
          minResponse = Math.min(minResponse, ops.get(i).response);
        }
      }
      for (int i = 0; i < ops.size(); i++) {
        History.Op op = ops.get(i);
        if ((done & (1L << i)) != 0 || op.invoke > minResponse) {
          continue;
        }
        String next = value;
        String result;
        switch (op.kind) {
          case PUT -> {
            next = op.arg1;
            result = "OK";
          }
          case CAS -> {
            boolean ok = Objects.equals(value, op.arg1);
            if (ok) {
              next = op.arg2;
            }
            result = String.valueOf(ok);
          }
          default -> result = value;
        }
        if (op.known() && !op.result.equals(result)) {
          continue;
        }
        if (dfs(done | (1L << i), next)) {
          return true;
        }
      }
      return false;
    }
  }
}
