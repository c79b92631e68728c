package io.distsync.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cache's throughput on the running local cluster ({@code liberty/cluster up}), with a client
 * that keeps {@code C} keep-alive connections busy (closed loop, one request in flight each):
 *
 * <ol>
 *   <li>GET hits on one node ({@code /cache/{key}} on 100 keys the node holds) beside a trivial
 *       endpoint of the same server ({@code GET /internal/ping}: a filter, a record, JSON-B), in
 *       the same run, alternating trivial / hits / trivial / hits: the ratio of the two rates is
 *       the figure (the aim is 60 % or more, with p99 under 5 ms);
 *   <li>a 90/10 read/write mix over 1,000 keys, each connection bound to one of the three nodes.
 * </ol>
 *
 * Run: {@code mvn -Pbench verify -Dbench.main=io.distsync.bench.CacheBenchmark -Dbench.args="20
 * 50"} (seconds measured per phase, connections). Nodes: {@code DISTSYNC_URLS} (default the local
 * cluster's three), with {@code DISTSYNC_CA} and {@code DISTSYNC_TOKEN} as {@link BenchSecurity}
 * reads them; the cluster secret: {@code CLUSTER_SECRET}, else {@code data/cluster.secret}.
 */
public final class CacheBenchmark {
  private static final Logger LOG = Logger.getLogger(CacheBenchmark.class.getName());
  private static final HttpClient HTTP = BenchSecurity.get().httpClient(Duration.ofSeconds(2));
  private static final int HOT_KEYS = 100;
  private static final int MIX_KEYS = 1000;
  private static final long WARMUP_S = 8;

  private CacheBenchmark() {}

  /** One phase's figures. */
  record Figures(String name, double perSecond, double p50, double p99, double p999, long errors) {
    @Override
    public String toString() {
      return String.format(
          "%-26s %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   p99.9 %7.2f ms   errors %d",
          name, perSecond, p50, p99, p999, errors);
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    List<URI> nodes = BenchSecurity.nodes();
    String secret = secret();
    URI one = nodes.get(0);
    String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    for (int i = 0; i < HOT_KEYS; i++) {
      putJson(one, "bench-hot-" + run + "-" + i, "{\"value\":{\"n\":" + i + ",\"s\":\"hot\"}}");
    }
    List<byte[]> hits = new ArrayList<>();
    for (int i = 0; i < HOT_KEYS; i++) {
      hits.add(RawHttpConnection.get(one, "/cache/bench-hot-" + run + "-" + i, ""));
    }
    byte[] ping =
        RawHttpConnection.get(one, "/internal/ping", "X-Cluster-Secret: " + secret + "\r\n");

    List<Figures> single = new ArrayList<>();
    for (int round = 1; round <= 2; round++) {
      single.add(closedLoop("trivial GET /internal/ping", one, connections, seconds, r -> ping));
      single.add(
          closedLoop(
              "cache GET hit", one, connections, seconds, r -> hits.get(r.nextInt(HOT_KEYS))));
    }
    single.forEach(f -> LOG.info(f.toString()));
    double trivial = (single.get(0).perSecond() + single.get(2).perSecond()) / 2;
    double hit = (single.get(1).perSecond() + single.get(3).perSecond()) / 2;
    LOG.info(String.format("cache hits / trivial endpoint: %.0f %%", 100 * hit / trivial));

    for (int i = 0; i < MIX_KEYS; i++) {
      putJson(nodes.get(i % nodes.size()), "bench-mix-" + run + "-" + i, "{\"value\":" + i + "}");
    }
    Map<URI, long[]> before = new ConcurrentHashMap<>();
    for (URI n : nodes) {
      before.put(n, hitsAndMisses(n));
    }
    AtomicLong seq = new AtomicLong();
    List<Figures> mix = mixLoop(nodes, connections, seconds, run, seq);
    mix.forEach(f -> LOG.info(f.toString()));
    for (URI n : nodes) {
      long[] b = before.get(n);
      long[] a = hitsAndMisses(n);
      long h = a[0] - b[0];
      long m = a[1] - b[1];
      LOG.info(
          String.format(
              "%s during the mix: %d hits, %d misses (hit ratio %.0f %%)",
              n, h, m, h + m == 0 ? 0.0 : 100.0 * h / (h + m)));
    }
  }

  private static String secret() throws IOException {
    String env = System.getenv("CLUSTER_SECRET");
    if (env != null && !env.isBlank()) {
      return env;
    }
    return Files.readString(Path.of("data/cluster.secret")).trim();
  }

  private static void putJson(URI node, String key, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            BenchSecurity.get()
                .request(node.resolve("/cache/" + key))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "PUT " + key + " on " + node + ": " + r.statusCode() + " " + r.body());
    }
  }

  private static final Pattern HITS = Pattern.compile("\"hits\":(\\d+)");
  private static final Pattern MISSES = Pattern.compile("\"misses\":(\\d+)");

  private static long[] hitsAndMisses(URI node) throws Exception {
    String body =
        HTTP.send(
                BenchSecurity.get()
                    .request(node.resolve("/cache/state"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher h = HITS.matcher(body);
    Matcher m = MISSES.matcher(body);
    return new long[] {
      h.find() ? Long.parseLong(h.group(1)) : 0, m.find() ? Long.parseLong(m.group(1)) : 0
    };
  }

  /** Latencies (ns) of one connection's measured requests, and its error count. */
  private static final class Samples {
    long[] nanos = new long[1 << 16];
    int size;
    long errors;

    void add(long ns) {
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      nanos[size++] = ns;
    }
  }

  private static Figures figures(String name, List<Samples> all, long measuredNanos) {
    int n = all.stream().mapToInt(s -> s.size).sum();
    long[] merged = new long[n];
    int at = 0;
    long errors = 0;
    for (Samples s : all) {
      System.arraycopy(s.nanos, 0, merged, at, s.size);
      at += s.size;
      errors += s.errors;
    }
    Arrays.sort(merged);
    return new Figures(
        name,
        n / (measuredNanos / 1e9),
        pct(merged, 0.50),
        pct(merged, 0.99),
        pct(merged, 0.999),
        errors);
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }

  /** Chooses the next request. */
  private interface Next {
    byte[] request(Random random);
  }

  private static Figures closedLoop(String name, URI node, int connections, int seconds, Next next)
      throws Exception {
    long measureFrom = System.nanoTime() + WARMUP_S * 1_000_000_000L;
    long until = measureFrom + seconds * 1_000_000_000L;
    List<Samples> samples = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(connections);
    for (int c = 0; c < connections; c++) {
      Samples s = new Samples();
      samples.add(s);
      int id = c;
      Thread t =
          new Thread(
              () -> {
                Random random = new Random(id);
                try (RawHttpConnection conn = new RawHttpConnection(node)) {
                  long now;
                  while ((now = System.nanoTime()) < until) {
                    int status = conn.send(next.request(random), null);
                    long end = System.nanoTime();
                    if (now >= measureFrom) {
                      if (status == 200) {
                        s.add(end - now);
                      } else {
                        s.errors++;
                      }
                    }
                  }
                } catch (IOException e) {
                  s.errors++;
                } finally {
                  done.countDown();
                }
              },
              "bench-" + c);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    return figures(name, samples, until - measureFrom);
  }

  private static List<Figures> mixLoop(
      List<URI> nodes, int connections, int seconds, String run, AtomicLong seq) throws Exception {
    long measureFrom = System.nanoTime() + WARMUP_S * 1_000_000_000L;
    long until = measureFrom + seconds * 1_000_000_000L;
    List<Samples> reads = new ArrayList<>();
    List<Samples> writes = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(connections);
    for (int c = 0; c < connections; c++) {
      Samples r = new Samples();
      Samples w = new Samples();
      reads.add(r);
      writes.add(w);
      URI node = nodes.get(c % nodes.size());
      int id = c;
      Thread t =
          new Thread(
              () -> {
                Random random = new Random(1000 + id);
                ByteArrayOutputStream ignored = null;
                try (RawHttpConnection conn = new RawHttpConnection(node)) {
                  long now;
                  while ((now = System.nanoTime()) < until) {
                    String key = "/cache/bench-mix-" + run + "-" + random.nextInt(MIX_KEYS);
                    boolean write = random.nextInt(10) == 0;
                    byte[] req =
                        write
                            ? RawHttpConnection.put(
                                node, key, "{\"value\":" + seq.incrementAndGet() + "}")
                            : RawHttpConnection.get(node, key, "");
                    int status = conn.send(req, ignored);
                    long end = System.nanoTime();
                    if (now >= measureFrom) {
                      Samples s = write ? w : r;
                      if (status == 200) {
                        s.add(end - now);
                      } else {
                        s.errors++;
                      }
                    }
                  }
                } catch (IOException e) {
                  r.errors++;
                } finally {
                  done.countDown();
                }
              },
              "mix-" + c);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    long measured = until - measureFrom;
    Figures fr = figures("mix 90/10: reads", reads, measured);
    Figures fw = figures("mix 90/10: writes", writes, measured);
    List<Samples> all = new ArrayList<>(reads);
    all.addAll(writes);
    Figures total = figures("mix 90/10: all, 3 nodes", all, measured);
    return List.of(total, fr, fw);
  }
}
