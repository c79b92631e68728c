package io.distsync.lock;

import io.distsync.lock.model.RefusedDeadlock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@link #CAPACITY} acquires this node's lock table refused as deadlock victims, newest
 * first. Every replica applies the same refusals, so every node lists them.
 */
@ApplicationScoped
public class RecentDeadlocks {
  /** Bound on the refusals kept: their number grows with what clients do. */
  public static final int CAPACITY = 20;

  /** Bound on the owners kept per cycle (a cycle's length is chosen by clients). */
  static final int MAX_CYCLE = 16;

  private final Deque<RefusedDeadlock> recent = new ArrayDeque<>();

  synchronized void add(String resource, String owner, List<String> cycle) {
    List<String> kept = cycle.size() > MAX_CYCLE ? cycle.subList(0, MAX_CYCLE) : cycle;
    recent.addFirst(
        new RefusedDeadlock(System.currentTimeMillis(), resource, owner, List.copyOf(kept)));
    while (recent.size() > CAPACITY) {
      recent.removeLast();
    }
  }

  /** The refusals kept, newest first. */
  public synchronized List<RefusedDeadlock> list() {
    return new ArrayList<>(recent);
  }
}
