package io.distsync.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer path's figures on the running local cluster, with a raw keep-alive HTTP/1.1 client (one
 * connection per client thread, thread i on node i mod 3, so two thirds of the commands are
 * forwarded): lock pairs on each thread's own lock ({@code own}), on one hot lock with hold 0 and
 * waitMs 10 s ({@code hot}), {@code POST /raft/noop} ({@code noop}), {@code GET /raft/leader}
 * ({@code leader}), a cache PUT of each thread's own key ({@code put}), a queue worker loop on one
 * shared queue (produce one, consume one acking the last: {@code cycle}; ten at a time: {@code
 * batch}), one hot cache key written by every client ({@code hotput}; with {@code
 * DISTSYNC_URLS=https://localhost:8001} every client is on one node), the same with one operation
 * in ten a read of that key on the next node ({@code hotmix}: a read that answers a version older
 * than a write answered before it began is counted as stale), or nothing ({@code idle}). Prints
 * operations/s, p50/p99 latency, the nodes' CPU (all three JVMs, from {@code /proc/<pid>/stat}) per
 * operation and as a share of a core, and this client's own CPU share.
 *
 * <pre>
 * liberty/cluster up
 * mvn -Pbench verify -Dbench.main=io.distsync.bench.PeerPathBench -Dbench.args="own 32 15"
 * </pre>
 *
 * Arguments: workload, client threads, seconds measured (after a 5 s warm-up). The nodes' pids come
 * from {@code data/nodeN/liberty/.pid/distsync.pid} ({@code -Ddata=...} for another folder). Nodes,
 * CA and token: {@link BenchSecurity} ({@code DISTSYNC_URLS}, {@code DISTSYNC_CA}, {@code
 * DISTSYNC_TOKEN}); each connection makes its TLS handshake once, before the warm-up ends.
 */
public final class PeerPathBench {
  private static final long WARMUP_MS = 5000;

  private static final List<URI> NODES = new ArrayList<>();

  private PeerPathBench() {}

  public static void main(String[] args) throws Exception {
    String workload = args.length > 0 ? args[0] : "own";
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    List<URI> nodes = NODES;
    nodes.addAll(BenchSecurity.nodes());
    List<Long> pids = new ArrayList<>();
    String data = System.getProperty("data", "data");
    for (int i = 1; i <= nodes.size(); i++) {
      Path pid = Path.of(data, "node" + i, "liberty", ".pid", "distsync.pid");
      pids.add(Files.exists(pid) ? Long.parseLong(Files.readString(pid).trim()) : -1L);
    }
    if (workload.equals("idle")) {
      long[] before = ticks(pids);
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double window = (System.nanoTime() - t0) / 1e9;
      long[] after = ticks(pids);
      StringBuilder sb = new StringBuilder("idle " + seconds + " s: CPU % of a core per node:");
      for (int i = 0; i < pids.size(); i++) {
        sb.append(String.format(" %.1f", pct(after[i] - before[i], window)));
      }
      print(sb.toString());
      return;
    }
    AtomicBoolean measuring = MEASURING;
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong errors = new AtomicLong();
    long[][] samples = new long[threads][];
    int[] counts = new int[threads];
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th =
          new Thread(
              () -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                URI node = nodes.get(id % nodes.size());
                Op op = op(workload, node, id);
                try (RawHttpConnection c = new RawHttpConnection(node)) {
                  while (!stop.get()) {
                    long s = System.nanoTime();
                    boolean ok = op.once(c);
                    long e = System.nanoTime() - s;
                    if (measuring.get()) {
                      if (!ok) {
                        errors.incrementAndGet();
                      }
                      if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                      }
                      lat[n++] = e;
                    }
                  }
                } catch (IOException | RuntimeException e) {
                  errors.incrementAndGet();
                } finally {
                  samples[id] = lat;
                  counts[id] = n;
                  done.countDown();
                }
              });
      th.setDaemon(true);
      th.start();
    }
    Thread.sleep(WARMUP_MS);
    long[] before = ticks(pids);
    long selfBefore = self();
    long t0 = System.nanoTime();
    measuring.set(true);
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    double window = (System.nanoTime() - t0) / 1e9;
    long[] after = ticks(pids);
    long selfAfter = self();
    stop.set(true);
    done.await();
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int k = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(samples[t], 0, all, k, counts[t]);
      k += counts[t];
    }
    Arrays.sort(all);
    double nodesCpu = 0;
    StringBuilder per = new StringBuilder();
    for (int i = 0; i < pids.size(); i++) {
      double p = pct(after[i] - before[i], window);
      nodesCpu += p;
      per.append(String.format(" %.0f", p));
    }
    double rate = total / window;
    print(
        String.format(
            "%s, %d clients, %d s: %.0f ops/s, p50 %.2f ms, p99 %.2f ms, %d errors%s; nodes' CPU"
                + " %.0f %% of a core (%s), %.2f ms per op; client CPU %.0f %% of a core",
            workload,
            threads,
            seconds,
            rate,
            total == 0 ? 0 : all[total / 2] / 1e6,
            total == 0 ? 0 : all[(int) (total * 0.99)] / 1e6,
            errors.get(),
            workload.equals("hotmix") ? ", " + STALE.get() + " stale reads" : "",
            nodesCpu,
            per.toString().trim(),
            rate == 0 ? 0 : nodesCpu / 100 * 1000 / rate,
            pct(selfAfter - selfBefore, window)));
    if (!READ_NANOS.isEmpty()) {
      long[] reads = READ_NANOS.stream().mapToLong(Long::longValue).sorted().toArray();
      print(
          String.format(
              "  of which %d reads on the next node: p50 %.2f ms, p99 %.2f ms",
              reads.length,
              reads[reads.length / 2] / 1e6,
              reads[(int) (reads.length * 0.99)] / 1e6));
    }
    if (!FAILED.isEmpty()) {
      print("failed answers by status (warm-up included): " + FAILED);
    }
  }

  /** One operation of a client on its own connection; true when every answer was a success. */
  private interface Op {
    boolean once(RawHttpConnection c) throws IOException;
  }

  /** Failed answers by status, printed after the figures. */
  private static final java.util.Map<Integer, AtomicLong> FAILED =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private static boolean ok(int status) {
    if (status == 200 || status == 201) {
      return true;
    }
    FAILED.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    return false;
  }

  private static Op op(String workload, URI node, int id) {
    switch (workload) {
      case "leader":
        byte[] leader = RawHttpConnection.get(node, "/raft/leader", "");
        return c -> ok(c.send(leader, null));
      case "put":
        byte[] put =
            RawHttpConnection.put(node, "/cache/bench-put-" + id, "{\"value\":{\"n\":42}}");
        return c -> ok(c.send(put, null));
      case "hotput":
        byte[] hot = RawHttpConnection.put(node, "/cache/" + HOT_KEY, "{\"value\":{\"n\":42}}");
        return c -> ok(c.send(hot, null));
      case "hotmix":
        return hotMix(node, id);
      case "cycle":
        return queueCycle(node, id, 1);
      case "batch":
        return queueCycle(node, id, 10);
      default:
        return lockPair(workload, node, id);
    }
  }

  private static final String HOT_KEY = "bench-hot-key";

  /** The highest version of the hot key whose write was answered (for the stale-read check). */
  private static final AtomicLong ANSWERED = new AtomicLong();

  /** Whether the measured window is on (warm-up is over). */
  private static final AtomicBoolean MEASURING = new AtomicBoolean();

  /** Latencies (ns) of the hot key's reads in the measured window. */
  private static final java.util.Queue<Long> READ_NANOS =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Reads of the hot key that answered a version older than a write answered before they began. */
  private static final AtomicLong STALE = new AtomicLong();

  private static final java.util.Random MIX = new java.util.Random(7);

  /**
   * Nine writes of the hot key on this client's node to one read of it on the next node; a read
   * must answer at least the highest version whose write was answered before the read began.
   */
  private static Op hotMix(URI node, int id) {
    URI other = NODES.get((NODES.indexOf(node) + 1) % NODES.size());
    RawHttpConnection reader = new RawHttpConnection(other);
    byte[] put = RawHttpConnection.put(node, "/cache/" + HOT_KEY, "{\"value\":{\"n\":" + id + "}}");
    byte[] get = RawHttpConnection.get(other, "/cache/" + HOT_KEY, "");
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    return c -> {
      boolean read;
      synchronized (MIX) {
        read = MIX.nextInt(10) == 0;
      }
      body.reset();
      if (read) {
        long floor = ANSWERED.get();
        long start = System.nanoTime();
        boolean ok = ok(reader.send(get, body));
        if (MEASURING.get()) {
          READ_NANOS.add(System.nanoTime() - start);
        }
        if (ok && version(body) < floor) {
          STALE.incrementAndGet();
        }
        return ok;
      }
      boolean ok = ok(c.send(put, body));
      if (ok) {
        ANSWERED.accumulateAndGet(version(body), Math::max);
      }
      return ok;
    };
  }

  private static long version(java.io.ByteArrayOutputStream body) {
    String text = body.toString(java.nio.charset.StandardCharsets.UTF_8);
    int at = text.indexOf("\"version\":");
    if (at < 0) {
      return -1;
    }
    int from = at + 10;
    int to = from;
    while (to < text.length() && Character.isDigit(text.charAt(to))) {
      to++;
    }
    return Long.parseLong(text.substring(from, to));
  }

  /**
   * A worker loop on one shared queue: produce {@code n} messages (one request), then consume up to
   * {@code n} with the receipts of the previous consume to ack (one request).
   */
  private static Op queueCycle(URI node, int id, int n) {
    StringBuilder batch = new StringBuilder("{\"messages\":[");
    for (int i = 0; i < n; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"payload\":{\"order\":").append(i).append("}}");
    }
    byte[] produce =
        RawHttpConnection.post(node, "/queues/bench-cycle/messages", batch.append("]}").toString());
    String path = "/queues/bench-cycle/consume";
    List<String> receipts = new ArrayList<>();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    return c -> {
      boolean ok = ok(c.send(produce, null));
      StringBuilder consume =
          new StringBuilder("{\"consumer\":\"w").append(id).append("\",\"max\":").append(n);
      consume.append(",\"ack\":[");
      for (int i = 0; i < receipts.size(); i++) {
        consume.append(i == 0 ? "\"" : ",\"").append(receipts.get(i)).append('"');
      }
      body.reset();
      ok &= ok(c.send(RawHttpConnection.post(node, path, consume.append("]}").toString()), body));
      receipts.clear();
      String text = body.toString(java.nio.charset.StandardCharsets.UTF_8);
      for (int at = text.indexOf("\"receipt\":\""); at >= 0; ) {
        int from = at + 11;
        int to = text.indexOf('"', from);
        receipts.add(text.substring(from, to));
        at = text.indexOf("\"receipt\":\"", to);
      }
      return ok;
    };
  }

  private static Op lockPair(String workload, URI node, int id) {
    String resource = workload.equals("hot") ? "bench-hot" : "bench-own-" + id;
    String owner = "bench-" + id;
    String acquire =
        "{\"resource\":\""
            + resource
            + "\",\"owner\":\""
            + owner
            + "\",\"mode\":\"exclusive\",\"ttlMs\":30000,\"waitMs\":"
            + (workload.equals("hot") ? 10000 : 0)
            + "}";
    byte[] first =
        workload.equals("noop")
            ? RawHttpConnection.post(node, "/raft/noop", "{}")
            : RawHttpConnection.post(node, "/locks/acquire", acquire);
    byte[] second =
        RawHttpConnection.post(
            node,
            "/locks/release",
            "{\"resource\":\"" + resource + "\",\"owner\":\"" + owner + "\"}");
    if (workload.equals("noop")) {
      return c -> ok(c.send(first, null));
    }
    return c -> ok(c.send(first, null)) & c.send(second, null) == 200;
  }

  @SuppressWarnings("java:S106") // a command-line tool prints its result
  private static void print(String line) {
    System.out.println(line);
  }

  private static long[] ticks(List<Long> pids) {
    long[] t = new long[pids.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = ticks(pids.get(i));
    }
    return t;
  }

  private static long ticks(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      return ScaleCost.cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (IOException e) {
      return 0;
    }
  }

  private static long self() {
    return ticks(ProcessHandle.current().pid());
  }

  /** Clock ticks over a window as % of one core (Linux: 100 ticks per second). */
  private static double pct(long ticks, double seconds) {
    return ticks / 100.0 / seconds * 100;
  }
}
