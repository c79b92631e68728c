package io.distsync.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The nodes clients send to, as a load balancer in front of the cluster keeps them: each call goes
 * to a random node of the pool, and {@link #takeOut} drains a node (no new call goes to it, the
 * calls already on it finish) before it is stopped, so a planned removal costs no request.
 */
public final class Serving {
  private final List<LibertyNode> pool = new ArrayList<>();
  private final Map<LibertyNode, Integer> inFlight = new HashMap<>();

  public Serving(List<LibertyNode> nodes) {
    pool.addAll(nodes);
  }

  /** Runs {@code call} against one random node of the pool, counted as in flight on it. */
  public <T> T call(Function<LibertyNode, T> call) {
    LibertyNode node;
    synchronized (this) {
      node = pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
      inFlight.merge(node, 1, Integer::sum);
    }
    try {
      return call.apply(node);
    } catch (RuntimeException e) {
      throw new IllegalStateException("on " + node.id() + ": " + e, e);
    } finally {
      synchronized (this) {
        inFlight.merge(node, -1, Integer::sum);
        notifyAll();
      }
    }
  }

  public synchronized void add(LibertyNode node) {
    pool.add(node);
  }

  /**
   * Takes {@code node} out of the pool and waits until no call is in flight on it (connection
   * draining), or fails after {@code within}.
   */
  public synchronized void takeOut(LibertyNode node, Duration within) throws InterruptedException {
    pool.remove(node);
    long deadline = System.nanoTime() + within.toNanos();
    while (inFlight.getOrDefault(node, 0) > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(node.id() + " still has calls in flight after " + within);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
