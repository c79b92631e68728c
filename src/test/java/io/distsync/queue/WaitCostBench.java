package io.distsync.queue;

import io.distsync.redis.ReplicaAcks;
import io.distsync.testing.RedisSentinels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Benchmark, not a test: the cost of {@code WAIT 1} on a produce (the store's produce script, one
 * message of 100 bytes) against a real primary with two replicas and three sentinels on this
 * machine. Runs REDIS_MIN_REPLICAS_ACK 0 and 1 side by side, twice, with 1 and 8 callers. Run:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.distsync.queue.WaitCostBench}
 */
public final class WaitCostBench {
  private static final int OPS = 5000;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("waitcost");
    try (RedisSentinels group = RedisSentinels.start(dir, 2);
        RedisClient plain = client(group);
        RedisClient waited = client(group)) {
      ReplicaAcks.require(waited, 1, 1000);
      QueueStore store = new QueueStore();
      String payload = "x".repeat(100);
      run(store, plain, payload, 1, 1000); // warm-up
      run(store, waited, payload, 1, 1000);
      System.out.println("round | acks | callers | produces/s | p50 us | p99 us");
      for (int round = 1; round <= 2; round++) {
        for (int callers : new int[] {1, 8}) {
          for (int acks : new int[] {0, 1}) {
            RedisClient c = acks == 0 ? plain : waited;
            double[] r = run(store, c, payload, callers, OPS);
            System.out.printf(
                "%d | %d | %d | %.0f | %.0f | %.0f%n", round, acks, callers, r[0], r[1], r[2]);
          }
        }
      }
    }
  }

  private static RedisClient client(RedisSentinels group) {
    return RedisClient.builder()
        .hostAndPort(new HostAndPort("127.0.0.1", group.primaryPort()))
        .build();
  }

  /** Throughput, p50 and p99 latency (us) of {@code ops} produces spread over {@code callers}. */
  private static double[] run(
      QueueStore store, RedisClient redis, String payload, int callers, int ops) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<long[]>> parts = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < callers; c++) {
      int caller = c;
      parts.add(
          pool.submit(
              () -> {
                long[] lat = new long[ops / callers];
                PartitionKeys keys = PartitionKeys.of("bench" + caller, 0);
                for (int i = 0; i < lat.length; i++) {
                  long t = System.nanoTime();
                  store.produce(
                      redis,
                      keys,
                      "bench" + caller,
                      0,
                      List.of(new QueueStore.NewMessage(payload, null, 0, null, 0)));
                  lat[i] = System.nanoTime() - t;
                }
                return lat;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<long[]> f : parts) {
      Arrays.stream(f.get()).forEach(all::add);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    all.sort(null);
    return new double[] {
      all.size() / secs, all.get(all.size() / 2) / 1e3, all.get(all.size() * 99 / 100) / 1e3
    };
  }
}
