package io.distsync.lock;

import io.distsync.lock.model.WaitForEdge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wait-for graph between owners, derived from the lock table: an edge from each waiter to each
 * owner it waits for ({@link ResourceLock#blockers}). A cycle is a deadlock.
 */
final class WaitFor {
  private WaitFor() {}

  static List<WaitForEdge> edges(Collection<ResourceLock> locks) {
    List<WaitForEdge> out = new ArrayList<>();
    for (ResourceLock r : locks) {
      for (int i = 0; i < r.waiters.size(); i++) {
        Waiter w = r.waiters.get(i);
        for (String b : r.blockers(w.owner(), w.mode(), i)) {
          out.add(new WaitForEdge(w.owner(), b, r.name));
        }
      }
    }
    return out;
  }

  static Map<String, Set<String>> adjacency(Collection<ResourceLock> locks) {
    Map<String, Set<String>> adj = new LinkedHashMap<>();
    for (WaitForEdge e : edges(locks)) {
      adj.computeIfAbsent(e.waiter(), k -> new LinkedHashSet<>()).add(e.holder());
    }
    return adj;
  }

  /**
   * The cycle that {@code owner} would close by waiting for {@code targets}: the shortest path back
   * to it, as {@code [owner, target, ..., last]} where {@code last} waits for {@code owner}; null
   * when there is none.
   */
  static List<String> cycleThrough(
      Map<String, Set<String>> adj, String owner, List<String> targets) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    for (String t : targets) {
      if (parent.putIfAbsent(t, owner) == null) {
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      String at = queue.poll();
      if (at.equals(owner)) {
        List<String> path = new ArrayList<>();
        for (String n = parent.get(at); !n.equals(owner); n = parent.get(n)) {
          path.add(0, n);
        }
        path.add(0, owner);
        return path;
      }
      for (String next : adj.getOrDefault(at, Set.of())) {
        if (parent.putIfAbsent(next, at) == null) {
          queue.add(next);
        }
      }
    }
    return null;
  }

  /** Every cycle in the graph, one per strongly connected group of owners (Tarjan). */
  static List<List<String>> cycles(Map<String, Set<String>> adj) {
    return new Tarjan(adj).run();
  }

  private static final class Tarjan {
    private final Map<String, Set<String>> adj;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new LinkedHashSet<>();
    private final List<List<String>> found = new ArrayList<>();
    private int next;

    Tarjan(Map<String, Set<String>> adj) {
      this.adj = adj;
    }

    List<List<String>> run() {
      for (String v : adj.keySet()) {
        if (!index.containsKey(v)) {
          visit(v);
        }
      }
      return found;
    }

    // Recursion depth is bounded by the number of waiting owners.
    private void visit(String v) {
      index.put(v, next);
      low.put(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      for (String w : adj.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> group = new ArrayList<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          group.add(0, w);
        } while (!w.equals(v));
        if (group.size() > 1) {
          found.add(group);
        }
      }
    }
  }
}
