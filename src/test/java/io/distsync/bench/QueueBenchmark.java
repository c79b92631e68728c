package io.distsync.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Messages per second through the queue's REST API, one message per request and in batches, side by
 * side with Redis Streams driven directly by Jedis (XADD, XREADGROUP, XACK) as the ceiling. For
 * each of the four ways: produce alone for {@code seconds}; consume and ack alone until the queue
 * is empty; then both at once for {@code seconds}, producers paced to half the slower of the two
 * rates, where each message's end-to-end latency (produce sent to ack answered) is recorded. Nodes:
 * {@code DISTSYNC_URLS} (default the local cluster's three), with {@code DISTSYNC_CA} and {@code
 * DISTSYNC_TOKEN} as {@link BenchSecurity} reads them; Redis: {@code REDIS_URL} (default
 * redis://localhost:6379/0).
 *
 * <pre>
 * liberty/cluster up
 * mvn -Pbench verify -Dbench.main=io.distsync.bench.QueueBenchmark \
 *     -Dbench.args="seconds=10 producers=8 consumers=8 batch=100"
 * </pre>
 */
public final class QueueBenchmark {
  private static final Logger LOG = Logger.getLogger(QueueBenchmark.class.getName());
  private static final Duration READ = Duration.ofSeconds(30);

  private final int seconds;
  private final int producers;
  private final int consumers;
  private final int batch;
  private final List<URI> nodes;
  private final RedisClient redis;

  private QueueBenchmark(Map<String, String> args) {
    seconds = Integer.parseInt(args.getOrDefault("seconds", "10"));
    producers = Integer.parseInt(args.getOrDefault("producers", "8"));
    consumers = Integer.parseInt(args.getOrDefault("consumers", "8"));
    batch = Integer.parseInt(args.getOrDefault("batch", "100"));
    nodes = BenchSecurity.nodes();
    URI r = URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379/0"));
    // Consumers block in XREADGROUP on a connection each: the pool must exceed all threads.
    redis.clients.jedis.ConnectionPoolConfig pool = new redis.clients.jedis.ConnectionPoolConfig();
    pool.setMaxTotal(producers + consumers + 8);
    pool.setMaxIdle(producers + consumers + 8);
    redis =
        RedisClient.builder()
            .hostAndPort(new HostAndPort(r.getHost(), r.getPort()))
            .poolConfig(pool)
            .build();
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new java.util.HashMap<>();
    for (String a : argv) {
      String[] kv = a.split("=", 2);
      args.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    QueueBenchmark b = new QueueBenchmark(args);
    String only = args.getOrDefault("only", "rest-1,rest-batch,jedis-1,jedis-batch");
    List<String> rows = new ArrayList<>();
    rows.add(
        "| way | produce msg/s | consume+ack msg/s | both at once (paced) msg/s | e2e p50 ms | e2e p99 ms |");
    rows.add("|---|---|---|---|---|---|");
    for (String way : only.split(",")) {
      rows.add(b.run(way.trim()));
      LOG.info(rows.get(rows.size() - 1));
    }
    b.redis.close();
    LOG.info(
        String.format(
            "%n%d s per phase, %d producers, %d consumers, batch %d, nodes %s%n%s",
            b.seconds, b.producers, b.consumers, b.batch, b.nodes, String.join("\n", rows)));
  }

  /** A way to move messages: produce n, or take up to n and ack them (answering e2e latencies). */
  private interface Way {
    void produce(int thread, int n);

    /**
     * Takes up to n messages, acks them, adds their end-to-end latencies (ns); answers how many.
     */
    int consume(int thread, int n, List<Long> latencies);
  }

  private String run(String name) throws Exception {
    int n = name.endsWith("batch") ? batch : 1;
    Way way = name.startsWith("jedis") ? new Streams(name) : new Rest(name);
    // Warm-up: a short both-at-once phase, not counted.
    phase(way, n, 2, Double.MAX_VALUE, new ConcurrentLinkedQueue<>());
    drain(way, n, new ConcurrentLinkedQueue<>());
    long produced = phase(way, n, seconds, Double.MAX_VALUE, null)[0];
    long start = System.nanoTime();
    long drained = drain(way, n, null);
    double drainSeconds = (System.nanoTime() - start) / 1e9;
    // Both at once, producers paced to half the slower of the two rates (producers and consumers
    // now share the CPU), so that the queue does not grow and the latency is the queue's own, not
    // time spent waiting behind a backlog.
    double rate = 0.5 * Math.min(produced / (double) seconds, drained / drainSeconds);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    long[] both = phase(way, n, seconds, rate, latencies);
    drain(way, n, latencies);
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    return String.format(
        "| %s | %,.0f | %,.0f | %,.0f | %.1f | %.1f |",
        name,
        produced / (double) seconds,
        drained / drainSeconds,
        both[1] / (double) seconds,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99));
  }

  /**
   * Runs producers for {@code secs} at up to {@code rate} messages/s in all, with consumers too
   * when {@code lat} is not null; answers {produced, consumed}.
   */
  private long[] phase(Way way, int n, int secs, double rate, ConcurrentLinkedQueue<Long> lat)
      throws Exception {
    boolean consume = lat != null;
    long interval = rate == Double.MAX_VALUE ? 0 : (long) (producers * n * 1e9 / rate);
    long deadline = System.nanoTime() + Duration.ofSeconds(secs).toNanos();
    AtomicLong produced = new AtomicLong();
    AtomicLong consumed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
    List<Future<?>> all = new ArrayList<>();
    for (int t = 0; t < producers; t++) {
      int thread = t;
      all.add(
          pool.submit(
              () -> {
                long next = System.nanoTime();
                while (System.nanoTime() < deadline) {
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                  }
                  way.produce(thread, n);
                  produced.addAndGet(n);
                  next += interval;
                }
              }));
    }
    if (consume) {
      for (int t = 0; t < consumers; t++) {
        int thread = t;
        all.add(
            pool.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  while (System.nanoTime() < deadline) {
                    consumed.addAndGet(way.consume(thread, n, mine));
                  }
                  if (lat != null) {
                    lat.addAll(mine);
                  }
                }));
      }
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    return new long[] {produced.get(), consumed.get()};
  }

  /** Consumes and acks until a round finds nothing; answers how many. */
  private long drain(Way way, int n, ConcurrentLinkedQueue<Long> lat) throws Exception {
    AtomicLong total = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(consumers);
    List<Future<?>> all = new ArrayList<>();
    for (int t = 0; t < consumers; t++) {
      int thread = t;
      all.add(
          pool.submit(
              () -> {
                List<Long> mine = new ArrayList<>();
                int got;
                do {
                  got = way.consume(thread, n, mine);
                  total.addAndGet(got);
                } while (got > 0);
                if (lat != null) {
                  lat.addAll(mine);
                }
              }));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    return total.get();
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
  }

  /** Through the REST API of the nodes, thread i on node i mod N. */
  private final class Rest implements Way {
    private final String queue;

    Rest(String name) {
      queue = "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One keep-alive connection per benchmark thread and role. */
    private final java.util.Map<Long, RawHttp> connections =
        new java.util.concurrent.ConcurrentHashMap<>();

    private String post(int thread, String path, String body, int expected) {
      URI node = nodes.get(thread % nodes.size());
      RawHttp http =
          connections.computeIfAbsent(
              Thread.currentThread().getId(), id -> new RawHttp(node, (int) READ.toMillis()));
      RawHttp.Reply a = http.post("/queues/" + queue + path, body);
      if (a.status() != expected) {
        throw new IllegalStateException(path + " answered " + a.status() + ": " + a.body());
      }
      return a.body();
    }

    @Override
    public void produce(int thread, int n) {
      long t = System.nanoTime();
      String one = "{\"payload\":{\"t\":" + t + ",\"body\":\"" + "x".repeat(64) + "\"}}";
      if (n == 1) {
        post(thread, "/messages", one, 201);
      } else {
        StringBuilder b = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : ",").append(one);
        }
        post(thread, "/messages", b.append("]}").toString(), 201);
      }
    }

    @Override
    public int consume(int thread, int n, List<Long> latencies) {
      String body =
          post(
              thread,
              "/consume",
              "{\"consumer\":\"bench-" + thread + "\",\"max\":" + n + ",\"waitMs\":200}",
              200);
      JsonObject reply;
      try (JsonReader r = Json.createReader(new StringReader(body))) {
        reply = r.readObject();
      }
      var messages = reply.getJsonArray("messages");
      if (messages.isEmpty()) {
        return 0;
      }
      StringBuilder receipts = new StringBuilder("{\"receipts\":[");
      List<Long> sent = new ArrayList<>(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        JsonObject m = messages.getJsonObject(i);
        receipts.append(i == 0 ? "\"" : ",\"").append(m.getString("receipt")).append('"');
        JsonValue p = m.get("payload");
        sent.add(p.asJsonObject().getJsonNumber("t").longValue());
      }
      post(thread, "/ack", receipts.append("]}").toString(), 200);
      long now = System.nanoTime();
      sent.forEach(t -> latencies.add(now - t));
      return messages.size();
    }
  }

  /** Redis Streams directly: the ceiling. */
  private final class Streams implements Way {
    private final String stream;

    Streams(String name) {
      stream = "bench:" + name + ":" + UUID.randomUUID().toString().substring(0, 8);
      redis.xgroupCreate(stream, "g", StreamEntryID.XGROUP_LAST_ENTRY, true);
    }

    @Override
    public void produce(int thread, int n) {
      Map<String, String> fields =
          Map.of("t", String.valueOf(System.nanoTime()), "body", "x".repeat(64));
      if (n == 1) {
        redis.xadd(stream, StreamEntryID.NEW_ENTRY, fields);
        return;
      }
      try (AbstractPipeline p = redis.pipelined()) {
        for (int i = 0; i < n; i++) {
          p.xadd(stream, StreamEntryID.NEW_ENTRY, fields);
        }
        p.sync();
      }
    }

    @Override
    public int consume(int thread, int n, List<Long> latencies) {
      var read =
          redis.xreadGroup(
              "g",
              "c" + thread,
              XReadGroupParams.xReadGroupParams().count(n).block(200),
              Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
      if (read == null || read.isEmpty() || read.get(0).getValue().isEmpty()) {
        return 0;
      }
      List<StreamEntry> entries = read.get(0).getValue();
      redis.xack(
          stream, "g", entries.stream().map(StreamEntry::getID).toArray(StreamEntryID[]::new));
      long now = System.nanoTime();
      entries.forEach(e -> latencies.add(now - Long.parseLong(e.getFields().get("t"))));
      return entries.size();
    }
  }
}
