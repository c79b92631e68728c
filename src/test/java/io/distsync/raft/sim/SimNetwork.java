package io.distsync.raft.sim;

import io.distsync.raft.RaftNode;
import io.distsync.raft.Transport;
import io.distsync.raft.message.RaftMessage;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Simulated network: random delay (hence reordering), loss, duplication, and symmetric or one-way
 * partitions, checked both at send and at delivery time.
 */
public final class SimNetwork {
  private final SimScheduler scheduler;
  private final Random random;
  private final Function<String, RaftNode> lookup;
  private final Set<String> blocked = new HashSet<>();
  double lossRate;
  double duplicateRate;
  int minDelayMs = 1;
  int maxDelayMs = 10;
  long sent;

  SimNetwork(SimScheduler scheduler, Random random, Function<String, RaftNode> lookup) {
    this.scheduler = scheduler;
    this.random = random;
    this.lookup = lookup;
  }

  Transport transportFor(String from, SimExecutor.Incarnation incarnation) {
    return (to, msg) -> {
      if (incarnation.alive) {
        send(from, to, msg);
      }
    };
  }

  private void send(String from, String to, RaftMessage msg) {
    sent++;
    if (isBlocked(from, to) || random.nextDouble() < lossRate) {
      return;
    }
    deliverLater(from, to, msg);
    if (random.nextDouble() < duplicateRate) {
      deliverLater(from, to, msg);
    }
  }

  private void deliverLater(String from, String to, RaftMessage msg) {
    int delay = minDelayMs + random.nextInt(Math.max(1, maxDelayMs - minDelayMs + 1));
    scheduler.after(
        delay,
        () -> {
          if (isBlocked(from, to)) {
            return;
          }
          RaftNode target = lookup.apply(to);
          if (target != null) {
            target.handle(msg);
          }
        });
  }

  public boolean isBlocked(String from, String to) {
    return blocked.contains(from + ">" + to);
  }

  /** Cuts traffic from {@code from} to {@code to} only. */
  public void blockOneWay(String from, String to) {
    blocked.add(from + ">" + to);
  }

  /** Cuts every link between the two sides, both ways. */
  public void partition(Set<String> sideA, Set<String> sideB) {
    for (String a : sideA) {
      for (String b : sideB) {
        blockOneWay(a, b);
        blockOneWay(b, a);
      }
    }
  }

  /** Isolates {@code id} from everyone in {@code others}. */
  public void isolate(String id, Set<String> others) {
    partition(Set.of(id), others);
  }

  public void heal() {
    blocked.clear();
  }

  public void setFaults(double lossRate, double duplicateRate, int minDelayMs, int maxDelayMs) {
    this.lossRate = lossRate;
    this.duplicateRate = duplicateRate;
    this.minDelayMs = minDelayMs;
    this.maxDelayMs = maxDelayMs;
  }
}
