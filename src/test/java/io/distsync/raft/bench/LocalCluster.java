package io.distsync.raft.bench;

import io.distsync.raft.Membership;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftNode;
import io.distsync.raft.RaftRole;
import io.distsync.raft.SerialRaftExecutor;
import io.distsync.raft.StateMachine;
import io.distsync.raft.Transport;
import io.distsync.raft.store.FileRaftStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Three real {@link RaftNode}s in one JVM: each with its own {@link FileRaftStore} in a temporary
 * folder and a {@link SerialRaftExecutor} over a shared thread pool; messages cross an in-memory
 * transport that hands them to the target's {@code handle} (which hops onto its executor).
 */
final class LocalCluster implements AutoCloseable {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
  private final Map<String, RaftNode> nodes = new ConcurrentHashMap<>();
  private final List<FileRaftStore> stores = new ArrayList<>();
  private final Path dir;

  LocalCluster(int size) throws IOException {
    dir = Files.createTempDirectory("raft-bench-");
    List<RaftMember> members = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      members.add(new RaftMember("n" + i, "local:n" + i, true));
    }
    Membership membership = new Membership(members);
    Transport transport =
        (target, message) -> {
          RaftNode node = nodes.get(target);
          if (node != null) {
            node.handle(message);
          }
        };
    for (RaftMember m : members) {
      FileRaftStore store = new FileRaftStore(dir.resolve(m.id()));
      stores.add(store);
      RaftNode node =
          RaftNode.builder()
              .nodeId(m.id())
              .membership(membership)
              .config(RaftConfig.defaults())
              .transport(transport)
              .stateMachine(new CountingStateMachine())
              .store(store)
              .executor(new SerialRaftExecutor(pool, timers))
              .syncExecutor(pool)
              .random(new Random(m.id().hashCode()))
              .build();
      nodes.put(m.id(), node);
    }
    nodes.values().forEach(n -> n.start().join());
  }

  /** Waits for a leader and returns it. */
  RaftNode awaitLeader() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (RaftNode n : nodes.values()) {
        if (n.status().role() == RaftRole.LEADER) {
          return n;
        }
      }
      LockSupport.parkNanos(10_000_000);
    }
    throw new IllegalStateException("no leader within 30 s");
  }

  /** Every fsync of every node's log so far. */
  long fsyncs() {
    return stores.stream().mapToLong(FileRaftStore::fsyncCount).sum();
  }

  @Override
  public void close() throws IOException {
    nodes.values().forEach(n -> n.shutdown().join());
    for (FileRaftStore s : stores) {
      s.close();
    }
    pool.shutdownNow();
    timers.shutdownNow();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (UncheckedIOException e) {
      // best effort clean-up of the temporary folder
    }
  }

  /** Counts applied commands; snapshots are the count. */
  private static final class CountingStateMachine implements StateMachine {
    private long applied;

    @Override
    public Object apply(long index, byte[] command) {
      return ++applied;
    }

    @Override
    public byte[] takeSnapshot() {
      return Long.toString(applied).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void restore(byte[] snapshot) {
      applied = Long.parseLong(new String(snapshot, java.nio.charset.StandardCharsets.US_ASCII));
    }
  }
}
