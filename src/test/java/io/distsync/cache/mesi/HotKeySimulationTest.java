package io.distsync.cache.mesi;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.cache.eviction.EvictionPolicy;
import io.distsync.cache.mesi.CoherenceChecker.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hot key in the deterministic simulation: ten clients on each of three nodes use one key in
 * closed loops for three simulated seconds, nine writes to one read of the key on the next node,
 * through a directory and a network with random delays. Every operation must succeed (no contender
 * times out), every read must be coherent (the same checks as the coherence simulation, after every
 * event and over the whole history), every client must get its turn (no one starves while others
 * get through), waiters must be handed the lock rather than poll for it, and the writes that wait
 * together must commit together.
 */
class HotKeySimulationTest {
  private static final String KEY = "hot";
  private static final int CLIENTS_PER_NODE = 10;
  private static final long RUN_MS = 3_000;

  static Stream<Arguments> cases() {
    return LongStream.rangeClosed(1, Long.getLong("cache.hot.seeds", 6))
        .boxed()
        .flatMap(seed -> Stream.of(Arguments.of(false, seed), Arguments.of(true, seed)));
  }

  private record Client(String node, String readNode, int id) {}

  @ParameterizedTest(name = "write-back {0}, seed {1}")
  @MethodSource("cases")
  void when_thirtyClientsUseOneKey_then_eachIsServedInTurn_andEveryReadIsFresh(
      boolean writeBack, long seed) {
    Random random = new Random(seed);
    CacheSim sim =
        new CacheSim(
            seed,
            3,
            100,
            EvictionPolicy.Kind.LRU,
            writeBack,
            new CacheSim.Profile(3, 5, 0, 200, 1000, 40));
    CoherenceChecker history = new CoherenceChecker();
    sim.scheduler.afterEvent(() -> CoherenceChecker.checkLines(sim, List.of(KEY)));
    List<Throwable> failures = new ArrayList<>();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    int[] writes = new int[3 * CLIENTS_PER_NODE];
    long[] slowest = new long[1];
    long end = sim.scheduler.now() + RUN_MS;
    for (int n = 1; n <= 3; n++) {
      for (int c = 0; c < CLIENTS_PER_NODE; c++) {
        Client client = new Client("n" + n, "n" + (n % 3 + 1), (n - 1) * CLIENTS_PER_NODE + c);
        CompletableFuture<Void> done = new CompletableFuture<>();
        loops.add(done);
        sim.scheduler.after(
            random.nextInt(5),
            () -> loop(sim, history, random, client, end, writes, slowest, failures, done));
      }
    }
    for (CompletableFuture<Void> loop : loops) {
      sim.await(loop);
    }

    System.err.println(
        "STATS wb="
            + writeBack
            + " writes="
            + java.util.Arrays.toString(writes)
            + " slowest="
            + slowest[0]
            + " acq="
            + java.util.Arrays.toString(sim.directory.acquires())
            + " steps="
            + sim.directory.writeSteps());
    assertThat(failures).as("operations that failed").isEmpty();
    history.checkHistory();
    int total = java.util.Arrays.stream(writes).sum();
    int fewest = java.util.Arrays.stream(writes).min().orElseThrow();
    int most = java.util.Arrays.stream(writes).max().orElseThrow();
    assertThat(fewest)
        .as("writes of the least served client (most: %d)", most)
        .isGreaterThan(most / 4);
    assertThat(slowest[0]).as("longest write, simulated ms").isLessThan(500);
    long[] acquires = sim.directory.acquires();
    assertThat(acquires[0])
        .as("lock requests (%d took the lock): a waiter asks, then takes up its grant", acquires[1])
        .isLessThanOrEqualTo(2 * acquires[1] + 3);
    assertThat(sim.directory.writeSteps()).as("commits for %d writes", total).isLessThan(total / 3);
  }

  /** One client's closed loop: an operation, then the next a millisecond after it answered. */
  private static void loop(
      CacheSim sim,
      CoherenceChecker history,
      Random random,
      Client client,
      long end,
      int[] writes,
      long[] slowest,
      List<Throwable> failures,
      CompletableFuture<Void> done) {
    if (sim.scheduler.now() >= end) {
      done.complete(null);
      return;
    }
    long start = history.tick();
    long startMs = sim.scheduler.now();
    CompletableFuture<?> op;
    if (random.nextInt(10) == 0) {
      op =
          sim.node(client.readNode())
              .get(KEY)
              .thenAccept(
                  r ->
                      history.record(
                          new Op(
                              "read",
                              client.readNode(),
                              KEY,
                              start,
                              history.tick(),
                              true,
                              r.value(),
                              r.version())));
    } else {
      String value = "\"c" + client.id() + "-" + start + "\"";
      op =
          sim.node(client.node())
              .put(KEY, value, 0)
              .thenAccept(
                  w -> {
                    history.record(
                        new Op(
                            "write",
                            client.node(),
                            KEY,
                            start,
                            history.tick(),
                            true,
                            value,
                            w.version()));
                    writes[client.id()]++;
                    slowest[0] = Math.max(slowest[0], sim.scheduler.now() - startMs);
                  });
    }
    op.whenComplete(
        (v, t) -> {
          if (t != null && !isFirstReadOfNothing(t)) {
            failures.add(t);
          }
          // The next operation on a later event: a silent write answers at once.
          sim.scheduler.after(
              1, () -> loop(sim, history, random, client, end, writes, slowest, failures, done));
        });
  }

  /** A read before the first write finds nothing: that is no failure. */
  private static boolean isFirstReadOfNothing(Throwable t) {
    CacheFailure f = CacheFailure.in(t);
    return f != null && f.kind() == CacheFailure.Kind.NOT_FOUND;
  }
}
