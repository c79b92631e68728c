package io.distsync.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.store.InMemoryRaftStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production threading path: {@link SerialRaftExecutor} over a shared pool, syncs on a separate
 * I/O thread, an in-process transport calling {@link RaftNode#handle} from foreign threads.
 */
class RealThreadsSmokeTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ExecutorService io = Executors.newSingleThreadExecutor();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    io.shutdownNow();
    timers.shutdownNow();
  }

  /** Appends each command's text to a list; the list is the state. */
  static final class ListStateMachine implements StateMachine {
    final List<String> applied = new ArrayList<>();

    @Override
    public Object apply(long index, byte[] command) {
      applied.add(new String(command, StandardCharsets.UTF_8));
      return applied.size();
    }

    @Override
    public byte[] takeSnapshot() {
      return String.join(",", applied).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void restore(byte[] snapshot) {
      applied.clear();
      String s = new String(snapshot, StandardCharsets.UTF_8);
      if (!s.isEmpty()) {
        applied.addAll(List.of(s.split(",")));
      }
    }
  }

  @Test
  void threeNodesElectALeaderReplicateAndServeLinearizableReads() throws Exception {
    Membership m =
        new Membership(
            List.of(
                new RaftMember("a", "-", true),
                new RaftMember("b", "-", true),
                new RaftMember("c", "-", true)));
    Map<String, RaftNode> nodes = new ConcurrentHashMap<>();
    Map<String, ListStateMachine> machines = new ConcurrentHashMap<>();
    RaftConfig config =
        RaftConfig.builder()
            .heartbeatIntervalMs(50)
            .electionTimeoutMs(500, 1000)
            .snapshotThresholdEntries(50)
            .build();
    for (RaftMember member : m.members()) {
      ListStateMachine sm = new ListStateMachine();
      machines.put(member.id(), sm);
      nodes.put(
          member.id(),
          RaftNode.builder()
              .nodeId(member.id())
              .membership(m)
              .config(config)
              .transport(
                  (to, msg) -> {
                    RaftNode target = nodes.get(to);
                    if (target != null) {
                      pool.execute(() -> target.handle(msg));
                    }
                  })
              .stateMachine(sm)
              .store(new InMemoryRaftStore())
              .executor(new SerialRaftExecutor(pool, timers))
              .random(new Random())
              .syncExecutor(io)
              .build());
    }
    for (RaftNode n : nodes.values()) {
      n.start().get(5, TimeUnit.SECONDS);
    }
    // Real threads on a shared, possibly overloaded machine: leadership may move, so retry.
    int acknowledged = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (acknowledged < 200 && System.nanoTime() < deadline) {
      RaftNode leader = awaitLeader(nodes);
      List<CompletableFuture<Object>> fs = new ArrayList<>();
      for (int i = 0; i < 200 - acknowledged; i++) {
        fs.add(leader.propose(("c" + i).getBytes(StandardCharsets.UTF_8)));
      }
      for (CompletableFuture<Object> f : fs) {
        try {
          f.get(10, TimeUnit.SECONDS);
          acknowledged++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(RaftException.class);
        }
      }
    }
    assertThat(acknowledged).isEqualTo(200);
    for (RaftNode n : nodes.values()) {
      Integer size = n.query(sm -> ((ListStateMachine) sm).applied.size()).get(5, TimeUnit.SECONDS);
      assertThat(size).as(n.id()).isGreaterThanOrEqualTo(200);
    }
    for (RaftNode n : nodes.values()) {
      n.shutdown().get(5, TimeUnit.SECONDS);
    }
    CompletableFuture<Object> late = nodes.get("a").propose(new byte[] {1});
    assertThat(late)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(RaftShutdownException.class);
  }

  private static RaftNode awaitLeader(Map<String, RaftNode> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (RaftNode n : nodes.values()) {
        if (n.status().role() == RaftRole.LEADER) {
          return n;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no leader within 10 s");
  }
}
