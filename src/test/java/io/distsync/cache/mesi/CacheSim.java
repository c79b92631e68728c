package io.distsync.cache.mesi;

import io.distsync.cache.eviction.EvictionPolicy;
import io.distsync.raft.sim.SimScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * N {@link CacheNode}s on one discrete-event scheduler, in one thread, fully determined by a seed:
 * an {@link InMemoryDirectory} reached with a random delay each way, and a network whose messages
 * are delayed, and sometimes lost in either direction (the caller then times out). Every node runs
 * its lease and write-back timers on the simulated clock.
 */
final class CacheSim {

  /** Delays and losses of one run. */
  record Profile(
      int maxDirectoryDelayMs,
      int maxPeerDelayMs,
      double lossRate,
      long peerTimeoutMs,
      long leaseMs,
      long writeBackDelayMs) {
    static final Profile INSTANT = new Profile(0, 0, 0, 200, 1000, 100);
  }

  /** The protocol's own log lines (epochs, revocations) are noise here, unless tracing. */
  private static final java.util.logging.Logger PROTOCOL_LOG =
      java.util.logging.Logger.getLogger("io.distsync.cache");

  static {
    if (!InMemoryDirectory.trace) {
      PROTOCOL_LOG.setLevel(java.util.logging.Level.SEVERE);
    }
  }

  final SimScheduler scheduler = new SimScheduler();
  final InMemoryDirectory directory = new InMemoryDirectory(scheduler::now);
  final List<CacheNode> nodes = new ArrayList<>();
  private final Random random;
  private final Profile profile;
  private final DirectoryAccess access;
  private long peerMessages;
  private long lostMessages;

  CacheSim(
      long seed,
      int size,
      int capacity,
      EvictionPolicy.Kind policy,
      boolean writeBack,
      Profile profile) {
    this.random = new Random(seed);
    this.profile = profile;
    this.access = this::directoryCall;
    CacheOptions options =
        new CacheOptions(
            capacity, policy, writeBack, profile.writeBackDelayMs(), profile.leaseMs(), 2000, 5000);
    CacheClock clock = new SimClock();
    for (int i = 1; i <= size; i++) {
      String id = "n" + i;
      List<String> others = new ArrayList<>();
      for (int j = 1; j <= size; j++) {
        if (j != i) {
          others.add("n" + j);
        }
      }
      nodes.add(
          new CacheNode(
              id,
              options,
              access,
              new SimPeers(),
              clock,
              () -> true,
              () -> others,
              CacheListener.NONE));
    }
    for (CacheNode n : nodes) {
      every(profile.leaseMs() / 4, n::maintainLease);
      if (writeBack) {
        every(profile.writeBackDelayMs() / 2, n::writeBackDirty);
      }
      n.maintainLease();
    }
    runFor(10);
  }

  CacheNode node(int i) {
    return nodes.get(i - 1);
  }

  CacheNode node(String id) {
    return nodes.get(Integer.parseInt(id.substring(1)) - 1);
  }

  long peerMessages() {
    return peerMessages;
  }

  long lostMessages() {
    return lostMessages;
  }

  private void every(long periodMs, Runnable task) {
    scheduler.after(
        periodMs,
        () -> {
          task.run();
          every(periodMs, task);
        });
  }

  /** Runs events until {@code future} completes (or the simulated deadline passes). */
  <T> T await(CompletableFuture<T> future) {
    long deadline = scheduler.now() + 60_000;
    while (!future.isDone() && scheduler.now() < deadline) {
      if (!scheduler.step()) {
        break;
      }
    }
    if (!future.isDone()) {
      throw new AssertionError("operation did not complete in simulated time");
    }
    return future.join();
  }

  void runFor(long ms) {
    scheduler.runUntil(scheduler.now() + ms);
  }

  private int delay(int max) {
    return max == 0 ? 0 : random.nextInt(max + 1);
  }

  private boolean lost() {
    return profile.lossRate() > 0 && random.nextDouble() < profile.lossRate();
  }

  private <T> CompletableFuture<T> directoryCall(Function<Directory, T> step) {
    CompletableFuture<T> reply = new CompletableFuture<>();
    scheduler.after(
        delay(profile.maxDirectoryDelayMs()),
        () -> {
          T result;
          try {
            result = step.apply(directory);
          } catch (RuntimeException e) {
            scheduler.after(0, () -> reply.completeExceptionally(e));
            return;
          }
          scheduler.after(delay(profile.maxDirectoryDelayMs()), () -> reply.complete(result));
        });
    return reply;
  }

  /**
   * Delivers a message to {@code target} after a delay and its answer back after another; either
   * may be lost, and the caller gives up after the peer timeout.
   */
  private <T> CompletableFuture<T> send(
      String target, Function<CacheNode, CompletableFuture<T>> handler) {
    peerMessages++;
    CompletableFuture<T> reply = new CompletableFuture<>();
    scheduler.after(
        profile.peerTimeoutMs(),
        () -> reply.completeExceptionally(new RuntimeException("peer call timed out")));
    boolean requestLost = lost();
    boolean replyLost = lost();
    if (requestLost || replyLost) {
      lostMessages++;
    }
    scheduler.after(
        delay(profile.maxPeerDelayMs()),
        () -> {
          if (requestLost) {
            return;
          }
          handler
              .apply(node(target))
              .whenComplete(
                  (value, failure) -> {
                    if (replyLost) {
                      return;
                    }
                    scheduler.after(
                        delay(profile.maxPeerDelayMs()),
                        () -> {
                          if (failure != null) {
                            reply.completeExceptionally(failure);
                          } else {
                            reply.complete(value);
                          }
                        });
                  });
        });
    return reply;
  }

  /** A one-way message to {@code target} after a delay; it may be lost. */
  private void tell(String target, java.util.function.Consumer<CacheNode> handler) {
    peerMessages++;
    if (lost()) {
      lostMessages++;
      return;
    }
    scheduler.after(delay(profile.maxPeerDelayMs()), () -> handler.accept(node(target)));
  }

  private final class SimPeers implements PeerTransport {
    @Override
    public void grant(String nodeId, String key, String token) {
      tell(nodeId, n -> n.onGrant(key, token));
    }

    @Override
    public CompletableFuture<DowngradeReply> downgrade(String nodeId, String key, long epoch) {
      return send(nodeId, n -> n.onDowngrade(key, epoch));
    }

    @Override
    public CompletableFuture<Void> invalidate(String nodeId, String key, long epoch) {
      return send(nodeId, n -> n.onInvalidate(key, epoch));
    }
  }

  private final class SimClock implements CacheClock {
    private static final long WALL_BASE = 1_700_000_000_000L;

    @Override
    public long wallMillis() {
      return WALL_BASE + scheduler.now();
    }

    @Override
    public long monoMillis() {
      return scheduler.now();
    }

    @Override
    public CompletableFuture<Void> delay(long ms) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      scheduler.after(ms, () -> f.complete(null));
      return f;
    }
  }
}
