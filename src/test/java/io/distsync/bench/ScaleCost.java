package io.distsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * What an idle cluster costs as the number of stored names grows (issue "bound every per-name
 * cost"): for each step of {@code queues} it creates queues {@code scale.0}, {@code scale.1}, ...
 * up to that total with one message each (produce spread over the nodes, a few keep-alive
 * connections), waits until every node's {@code /metrics} shows every one of them with its message
 * and the series count stops moving, then measures {@code idleSeconds} with no client load:
 *
 * <ul>
 *   <li>CPU of each node's JVM ({@code /proc/<pid>/stat} utime + stime, % of one core);
 *   <li>Redis commands per second ({@code INFO all}: total_commands_processed, less the tool's own
 *       INFO; the busiest commands from commandstats are logged);
 *   <li>RSS of each node at the end of the window ({@code /proc/<pid>/status} VmRSS);
 * </ul>
 *
 * then, after the window, node by node: heap used after a full GC ({@code jcmd <pid> GC.run}, then
 * the used figures of {@code GC.heap_info}), the series in its {@code /metrics} (non-comment lines;
 * when the scrape fails, the last count read while settling, marked so) and its {@code
 * /health/ready}. A node that is gone is reported in its row (and when it died), not fatal. Prints
 * a markdown row per step and node, a summary line per step (Redis's busiest commands, redis-server
 * and tool CPU, the box's busy share, load averages), and at the end the whole table.
 *
 * <pre>
 * liberty/cluster up
 * mvn -Pbench verify -Dbench.main=io.distsync.bench.ScaleCost \
 *     -Dbench.args="queues=10,400 idleSeconds=30 redis=redis://localhost:6379"
 * </pre>
 *
 * Arguments ({@code key=value}): {@code queues} (totals, comma list; 10,1000), {@code idleSeconds}
 * (30), {@code urls} (the nodes; {@code DISTSYNC_URLS}, else the local three; CA and token as
 * {@link BenchSecurity} reads them), {@code redis} ({@code REDIS_URL}, else the port in {@code
 * data/redis/port}), {@code data} (the cluster tool's data folder, for the pid files {@code
 * data/nodeN/liberty/.pid/distsync.pid} of node N = position in {@code urls}; default {@code
 * data}), {@code pids} (comma list, instead of the pid files), {@code redisPid} (instead of {@code
 * data/redis/redis.pid}, for redis-server's CPU), {@code connections} (parallel produce
 * connections, 6), {@code settleSeconds} (at most, 300).
 */
public final class ScaleCost {
  private static final Logger LOG = Logger.getLogger(ScaleCost.class.getName());
  private static final String PREFIX = "scale.";
  private static final Pattern SCALE_NAME = Pattern.compile("scale\\.(\\d+)");
  private static final int HTTP_TIMEOUT_MS = 30_000;
  private static final int REDIS_CONNECT_MS = 2_000;
  private static final int REDIS_READ_MS = 10_000;
  private static final long JCMD_TIMEOUT_S = 60;
  private static final Pattern QUEUE_DEPTH =
      Pattern.compile("^queue_depth\\{[^}]*\\bqueue=\"([^\"]*)\"[^}]*\\}\\s+(\\S+)");
  private static final Pattern HEAP_USED = Pattern.compile("total\\s+\\d+K,\\s+used\\s+(\\d+)K");
  private static final Pattern ZGC_USED = Pattern.compile("ZHeap\\s+used\\s+(\\d+)M");

  private final List<Integer> steps;
  private final int idleSeconds;
  private final int settleSeconds;
  private final int connections;
  private final List<URI> nodes;
  private final URI redisUrl;
  private final Path data;
  private final List<Long> fixedPids;
  private final String redisPidArg;
  private final long clockTicks;
  private final String jcmd;

  private ScaleCost(Map<String, String> args) throws IOException {
    steps = steps(args.getOrDefault("queues", "10,1000"));
    idleSeconds = Integer.parseInt(args.getOrDefault("idleSeconds", "30"));
    settleSeconds = Integer.parseInt(args.getOrDefault("settleSeconds", "300"));
    connections = Integer.parseInt(args.getOrDefault("connections", "6"));
    nodes = BenchSecurity.nodes(args.getOrDefault("urls", System.getenv("DISTSYNC_URLS")));
    data = Path.of(args.getOrDefault("data", "data"));
    String redis = args.get("redis");
    if (redis == null) {
      redis = System.getenv("REDIS_URL");
    }
    if (redis == null) {
      Path port = data.resolve("redis/port");
      redis =
          "redis://localhost:"
              + (Files.exists(port) ? Files.readString(port).trim() : "6379")
              + "/0";
    }
    redisUrl = URI.create(redis);
    fixedPids = new ArrayList<>();
    if (args.containsKey("pids")) {
      for (String p : args.get("pids").split(",")) {
        fixedPids.add(Long.parseLong(p.trim()));
      }
    }
    redisPidArg = args.get("redisPid");
    clockTicks = clockTicks();
    Path j = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    jcmd = Files.isExecutable(j) ? j.toString() : "jcmd";
  }

  public static void main(String[] argv) throws Exception {
    ScaleCost t = new ScaleCost(args(argv));
    LOG.info(
        "ScaleCost: steps "
            + t.steps
            + ", idle "
            + t.idleSeconds
            + " s, nodes "
            + t.nodes
            + ", Redis "
            + t.redisUrl
            + ", heap after GC from jcmd GC.run + GC.heap_info");
    List<String> table = new ArrayList<>();
    table.add(
        "| queues | node | state | idle CPU % of a core | Redis cmds/s | /metrics series |"
            + " heap after full GC MB | RSS MB |");
    table.add("|---|---|---|---|---|---|---|---|");
    List<String> summaries = new ArrayList<>();
    List<Step> done = new ArrayList<>();
    long toolStart = selfTicks();
    long wallStart = System.nanoTime();
    for (int total : t.steps) {
      Step s = t.step(total);
      done.add(s);
      for (String row : s.rows()) {
        table.add(row);
        LOG.info(row);
      }
      summaries.add(s.summary);
      LOG.info(s.summary);
    }
    double toolCpu =
        pct(selfTicks() - toolStart, t.clockTicks, (System.nanoTime() - wallStart) / 1e9);
    String growth = growth(done);
    LOG.info(
        String.format(
            "%n%s%n%n%s%n%s%ntool JVM over the whole run: %.1f %% of a core",
            String.join("\n", table), String.join("\n", summaries), growth, toolCpu));
  }

  // ---------------------------------------------------------------- one step

  /** One node's figures in one step; null figures where the node was gone. */
  record NodeRow(
      String node,
      String state,
      Double cpuPct,
      Integer series,
      boolean seriesBeforeWindow,
      Double heapMb,
      Double rssMb,
      int scaleQueuesSeen) {}

  /** One step's figures. */
  record Step(int queues, List<NodeRow> nodes, double redisPerSecond, String summary) {
    List<String> rows() {
      List<String> rows = new ArrayList<>();
      for (NodeRow n : nodes) {
        rows.add(
            String.format(
                "| %,d | %s | %s | %s | %,.0f | %s | %s | %s |",
                queues,
                n.node(),
                n.state(),
                n.cpuPct() == null ? "-" : String.format("%.1f", n.cpuPct()),
                redisPerSecond,
                n.series() == null
                    ? "-"
                    : String.format("%,d", n.series())
                        + (n.seriesBeforeWindow() ? " (before the window)" : ""),
                n.heapMb() == null ? "-" : String.format("%.1f", n.heapMb()),
                n.rssMb() == null ? "-" : String.format("%.0f", n.rssMb())));
      }
      return rows;
    }
  }

  private Step step(int total) throws Exception {
    String loadBefore = loadavg();
    long toolTicks0 = selfTicks();
    long stepStart = System.nanoTime();
    List<Long> pids = pids();

    Set<String> existing = scaleQueues(firstLiveNode());
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      if (!existing.contains(PREFIX + i)) {
        missing.add(i);
      }
    }
    long createStart = System.nanoTime();
    int failed = create(missing);
    double createSeconds = (System.nanoTime() - createStart) / 1e9;
    LOG.info(
        String.format(
            "step %,d: %,d queues created in %.1f s (%.0f/s), %d failed; %,d existed",
            total,
            missing.size() - failed,
            createSeconds,
            (missing.size() - failed) / Math.max(createSeconds, 1e-9),
            failed,
            total - missing.size()));

    long settleStart = System.nanoTime();
    Map<URI, Integer> settledSeries = new HashMap<>();
    boolean settled = settle(total, settledSeries);
    double settleTook = (System.nanoTime() - settleStart) / 1e9;
    LOG.info(
        String.format(
            "step %,d: %s after %.1f s",
            total, settled ? "settled" : "NOT settled (measuring anyway)", settleTook));

    // The idle window: nothing but reading /proc and two INFO calls.
    String loadAtWindow = loadavg();
    long[] cpu0 = new long[pids.size()];
    for (int i = 0; i < pids.size(); i++) {
      cpu0[i] = ticks(pids.get(i));
    }
    long[] box0 = boxCpu(Files.readString(Path.of("/proc/stat")));
    long redisPid = redisPid();
    long redis0 = ticks(redisPid);
    long self0 = selfTicks();
    long parent0 = parentTicks();
    Map<String, String> info0;
    Map<String, String> info1;
    long w0;
    double window;
    try (Redis redis = new Redis(redisUrl)) {
      info0 = redis.info();
      w0 = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
      info1 = redis.info();
      window = (System.nanoTime() - w0) / 1e9;
    }
    long[] cpu1 = new long[pids.size()];
    Double[] rss = new Double[pids.size()];
    for (int i = 0; i < pids.size(); i++) {
      cpu1[i] = ticks(pids.get(i));
      rss[i] = rssMb(pids.get(i));
    }
    long[] box1 = boxCpu(Files.readString(Path.of("/proc/stat")));
    double selfPct = pct(selfTicks() - self0, clockTicks, window);
    long redis1 = ticks(redisPid);
    double redisCpu = redis0 < 0 || redis1 < 0 ? -1 : pct(redis1 - redis0, clockTicks, window);
    long parent1 = parentTicks();
    double parentPct = parent0 < 0 || parent1 < 0 ? -1 : pct(parent1 - parent0, clockTicks, window);
    String loadAfterWindow = loadavg();
    double redisPerSecond = redisRate(info0, info1, window);
    String topCommands = topCommands(info0, info1, window, 6);
    double boxBusy =
        box1[1] == box0[1]
            ? 0
            : 100.0
                * (box1[0] - box0[0])
                / (box1[1] - box0[1])
                * Runtime.getRuntime().availableProcessors();

    // After the window (the full GCs, the scrape and the health checks would disturb it), node by
    // node: heap after a full GC first (it allocates nothing in the node), then the /metrics
    // scrape (it does, and may be what a full heap does not survive), then /health/ready.
    List<NodeRow> rows = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      URI node = nodes.get(i);
      long pid = pids.get(i);
      Double cpuPct =
          cpu0[i] < 0 || cpu1[i] < 0 ? null : pct(cpu1[i] - cpu0[i], clockTicks, window);
      String died = null;
      if (!alive(pid)) {
        died = cpu0[i] < 0 ? "gone before the window" : "died in the window";
      }
      Double heap = died == null ? heapAfterGcMb(pid) : null;
      if (died == null && !alive(pid)) {
        died = "died during the full GC";
      }
      Integer series = null;
      int seen = 0;
      String text = died == null ? metrics(node) : null;
      if (text != null) {
        series = seriesCount(text);
        seen = scaleQueuesWithMessages(text).size();
      }
      if (died == null && text == null && exitsWithin(pid, 15)) {
        died = "died during the /metrics scrape after the window";
      }
      // A node that cannot answer /metrics any more still answered it while settling.
      boolean seriesBefore = series == null && settledSeries.containsKey(node);
      if (seriesBefore) {
        series = settledSeries.get(node);
      }
      int ready = readyStatus(node);
      if (died == null && !alive(pid)) {
        died = "died after the window";
      }
      String state =
          died != null
              ? "**process gone: " + died + "**"
              : ready == 200
                  ? "ready"
                  : ready == 0 ? "**no answer**" : "**not ready " + ready + "**";
      rows.add(
          new NodeRow(
              "node" + (i + 1) + " (" + node.getPort() + ")",
              state,
              cpuPct,
              series,
              seriesBefore,
              heap,
              rss[i],
              seen));
    }
    double nodeCpu = rows.stream().mapToDouble(r -> r.cpuPct() == null ? 0 : r.cpuPct()).sum();
    long readyCount = rows.stream().filter(r -> r.state().equals("ready")).count();
    double stepSeconds = (System.nanoTime() - stepStart) / 1e9;
    double toolStepPct = pct(selfTicks() - toolTicks0, clockTicks, stepSeconds);
    String summary =
        String.format(
            "step %,d queues: %d/%d nodes ready; nodes' idle CPU %.1f %% of a core in all; Redis"
                + " %,.0f cmds/s (top: %s), redis-server %s; box busy %.0f %% of a core over the"
                + " %.0f s window (%.0f %% other than nodes, Redis and tool);"
                + " tool JVM %.1f %% in the window (mvn parent %s), %.1f %% over the step (%.0f s);"
                + " load average %s before the step, %s / %s at the window's start / end;"
                + " settled %s in %.1f s; %s",
            total,
            readyCount,
            nodes.size(),
            nodeCpu,
            redisPerSecond,
            topCommands,
            redisCpu < 0 ? "?" : String.format("%.1f %% of a core", redisCpu),
            boxBusy,
            window,
            boxBusy - nodeCpu - Math.max(redisCpu, 0) - selfPct - Math.max(parentPct, 0),
            selfPct,
            parentPct < 0 ? "?" : String.format("%.1f %%", parentPct),
            toolStepPct,
            stepSeconds,
            loadBefore,
            loadAtWindow,
            loadAfterWindow,
            settled ? "yes" : "NO",
            settleTook,
            rows.stream()
                .map(r -> r.node() + " sees " + r.scaleQueuesSeen() + " scale queues")
                .toList());
    return new Step(total, rows, redisPerSecond, summary);
  }

  /**
   * Growth from the first to the last step, per 100 queues, each figure the mean over the nodes
   * that have it (a node that died leaves out what it could not give); "n/a" where a step has none.
   */
  static String growth(List<Step> done) {
    if (done.size() < 2) {
      return "growth: fewer than two steps";
    }
    Step a = done.get(0);
    Step b = done.get(done.size() - 1);
    double per = 100.0 / (b.queues() - a.queues());
    return String.format(
        "growth per 100 queues (steps %,d -> %,d), per node on average: CPU %s %% of a core,"
            + " series %s, heap after GC %s MB, RSS %s MB; Redis %s cmds/s",
        a.queues(),
        b.queues(),
        delta(a, b, NodeRow::cpuPct, per, "%+.1f"),
        delta(a, b, r -> r.series() == null ? null : r.series().doubleValue(), per, "%+.0f"),
        delta(a, b, NodeRow::heapMb, per, "%+.1f"),
        delta(a, b, NodeRow::rssMb, per, "%+.0f"),
        String.format("%+.0f", per * (b.redisPerSecond() - a.redisPerSecond())));
  }

  private static String delta(
      Step a, Step b, Function<NodeRow, Double> f, double per, String format) {
    OptionalDouble x =
        a.nodes().stream().map(f).filter(v -> v != null).mapToDouble(v -> v).average();
    OptionalDouble y =
        b.nodes().stream().map(f).filter(v -> v != null).mapToDouble(v -> v).average();
    if (x.isEmpty() || y.isEmpty()) {
      return "n/a";
    }
    return String.format(format, per * (y.getAsDouble() - x.getAsDouble()));
  }

  // ---------------------------------------------------------------- creating and settling

  /** Produces one message to each missing queue; answers how many failed on every node. */
  private int create(List<Integer> missing) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    List<Future<?>> all = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      all.add(
          pool.submit(
              () -> {
                RawHttp[] http = new RawHttp[nodes.size()];
                for (int n = 0; n < http.length; n++) {
                  http[n] = new RawHttp(nodes.get(n), HTTP_TIMEOUT_MS);
                }
                try {
                  for (int k; (k = next.getAndIncrement()) < missing.size(); ) {
                    int q = missing.get(k);
                    if (!produce(http, q)) {
                      failed.incrementAndGet();
                    }
                  }
                } finally {
                  for (RawHttp h : http) {
                    h.close();
                  }
                }
              }));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    return failed.get();
  }

  /** Produces to queue q on node q mod N, else on the next nodes; whether one answered 201. */
  private boolean produce(RawHttp[] http, int q) {
    String body = "{\"payload\":{\"n\":" + q + ",\"body\":\"scale\"}}";
    for (int attempt = 0; attempt < http.length; attempt++) {
      int n = (q + attempt) % http.length;
      try {
        RawHttp.Reply r = http[n].post("/queues/" + PREFIX + q + "/messages", body);
        if (r.status() == 201) {
          return true;
        }
        LOG.warning("produce to " + PREFIX + q + " on " + nodes.get(n) + ": " + r.status());
      } catch (UncheckedIOException e) {
        http[n].close();
      }
    }
    return false;
  }

  /**
   * Polls every live node's /metrics once a second until each shows a message in every queue up to
   * {@code total} (when the code labels gauges by queue) and the number of series is what it was
   * one poll earlier; false after {@code settleSeconds}. Leaves each node's last series count in
   * {@code last}.
   */
  private boolean settle(int total, Map<URI, Integer> last) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (URI node : nodes) {
        String text = metrics(node);
        if (text == null) {
          continue; // a node that does not answer is reported after the window
        }
        int series = seriesCount(text);
        Integer before = last.put(node, series);
        int shown = below(scaleQueuesWithMessages(text), total);
        // Code with per-queue gauges settles once they show every queue; code without them (no
        // queue label at all) once the series count stops moving: every produce had its 201.
        boolean gaugesSettled = shown >= total || !text.contains("queue=\"scale.");
        if (!gaugesSettled || before == null || before != series) {
          all = false;
        }
      }
      if (all && !last.isEmpty()) {
        return true;
      }
      Thread.sleep(1000);
    }
    return false;
  }

  // ---------------------------------------------------------------- nodes

  private List<Long> pids() throws IOException {
    if (!fixedPids.isEmpty()) {
      return fixedPids;
    }
    List<Long> pids = new ArrayList<>();
    for (int i = 1; i <= nodes.size(); i++) {
      Path f = data.resolve("node" + i + "/liberty/.pid/distsync.pid");
      pids.add(Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : -1L);
    }
    return pids;
  }

  /** redis-server's pid: {@code redisPid=}, else {@code data/redis/redis.pid}; -1 when unknown. */
  private long redisPid() {
    if (redisPidArg != null) {
      return Long.parseLong(redisPidArg);
    }
    try {
      Path f = data.resolve("redis/redis.pid");
      return Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** Whether the process ends within {@code seconds} (polled), false when it was already gone. */
  private static boolean exitsWithin(long pid, int seconds) throws InterruptedException {
    if (!alive(pid)) {
      return true;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!alive(pid)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static boolean alive(long pid) {
    return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private URI firstLiveNode() {
    for (URI n : nodes) {
      if (readyStatus(n) == 200) {
        return n;
      }
    }
    return nodes.get(0);
  }

  /** The /metrics text, or null when the node does not answer 200. */
  private static String metrics(URI node) {
    try (RawHttp h = new RawHttp(node, HTTP_TIMEOUT_MS)) {
      RawHttp.Reply r = h.get("/metrics");
      return r.status() == 200 ? r.body() : null;
    } catch (UncheckedIOException | NumberFormatException e) {
      return null;
    }
  }

  private static Set<String> scaleQueues(URI node) {
    String text = metrics(node);
    return text == null ? Set.of() : scaleQueuesWithMessages(text);
  }

  /** The status of GET /health/ready, 0 when nothing answers. */
  private static int readyStatus(URI node) {
    try (RawHttp h = new RawHttp(node, 10_000)) {
      return h.get("/health/ready").status();
    } catch (UncheckedIOException | NumberFormatException e) {
      return 0;
    }
  }

  /** utime + stime of a process in clock ticks, -1 when it is gone. */
  private static long ticks(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (IOException e) {
      return -1;
    }
  }

  private static long selfTicks() {
    return ticks(ProcessHandle.current().pid());
  }

  private static long parentTicks() {
    return ProcessHandle.current().parent().map(p -> ticks(p.pid())).orElse(-1L);
  }

  private static Double rssMb(long pid) {
    if (pid <= 0) {
      return null;
    }
    try {
      long kb = vmRssKb(Files.readString(Path.of("/proc/" + pid + "/status")));
      return kb < 0 ? null : kb / 1024.0;
    } catch (IOException e) {
      return null;
    }
  }

  /** Heap used after {@code jcmd GC.run}, from {@code jcmd GC.heap_info}; null when not read. */
  private Double heapAfterGcMb(long pid) {
    if (!alive(pid)) {
      return null;
    }
    String gc = run(jcmd, Long.toString(pid), "GC.run");
    if (gc == null) {
      return null;
    }
    String info = run(jcmd, Long.toString(pid), "GC.heap_info");
    if (info == null) {
      return null;
    }
    long kb = heapUsedKb(info);
    return kb < 0 ? null : kb / 1024.0;
  }

  /** Runs a command with a timeout; its output, or null when it failed or took too long. */
  private static String run(String... command) {
    Path out = null;
    try {
      out = Files.createTempFile("scalecost", ".out");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(JCMD_TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        LOG.warning(String.join(" ", command) + ": no answer in " + JCMD_TIMEOUT_S + " s");
        return null;
      }
      String text = Files.readString(out);
      if (p.exitValue() != 0) {
        LOG.warning(String.join(" ", command) + " exited " + p.exitValue() + ": " + text.trim());
        return null;
      }
      return text;
    } catch (IOException e) {
      LOG.warning(String.join(" ", command) + ": " + e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temp file left behind
        }
      }
    }
  }

  private static long clockTicks() {
    String out = run("getconf", "CLK_TCK");
    try {
      return out == null ? 100 : Long.parseLong(out.trim());
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  private static String loadavg() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  // ---------------------------------------------------------------- Redis

  /**
   * One connection for the window's two {@code INFO all} calls, opened (with its handshake) before
   * the first and closed after the second, so that the only command of the tool's between the two
   * snapshots is the first INFO itself: Redis counts a command after it ran, so a snapshot leaves
   * out the INFO that makes it.
   */
  private static final class Redis implements AutoCloseable {
    private final Jedis jedis;

    Redis(URI url) {
      Jedis j = null;
      try {
        j =
            new Jedis(
                JedisURIHelper.getHostAndPort(url),
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(REDIS_CONNECT_MS)
                    .socketTimeoutMillis(REDIS_READ_MS)
                    .user(JedisURIHelper.getUser(url))
                    .password(JedisURIHelper.getPassword(url))
                    .database(JedisURIHelper.getDBIndex(url))
                    .protocol(RedisProtocol.RESP2)
                    .autoNegotiateProtocol(false)
                    .ssl(JedisURIHelper.isRedisSSLScheme(url))
                    .build());
        j.connect();
      } catch (RuntimeException e) {
        LOG.warning("Redis " + url + ": " + e.getMessage());
        j = null;
      }
      jedis = j;
    }

    Map<String, String> info() {
      if (jedis == null) {
        return Map.of();
      }
      try {
        return infoFields(jedis.info("all"));
      } catch (RuntimeException e) {
        LOG.warning("Redis INFO failed: " + e.getMessage());
        return Map.of();
      }
    }

    @Override
    public void close() {
      if (jedis != null) {
        jedis.close();
      }
    }
  }

  /** The tool's own commands between two snapshots of {@link Redis}: the first INFO. */
  static final int OWN_COMMANDS = 1;

  /**
   * Commands per second between two INFO snapshots, less the tool's own ({@link #OWN_COMMANDS}).
   */
  static double redisRate(Map<String, String> a, Map<String, String> b, double seconds) {
    if (!a.containsKey("total_commands_processed") || !b.containsKey("total_commands_processed")) {
      return Double.NaN;
    }
    long delta =
        Long.parseLong(b.get("total_commands_processed"))
            - Long.parseLong(a.get("total_commands_processed"))
            - OWN_COMMANDS;
    return delta / seconds;
  }

  /** The n commands with the most calls per second between two snapshots, the tool's left out. */
  static String topCommands(Map<String, String> a, Map<String, String> b, double seconds, int n) {
    Map<String, Long> calls = new LinkedHashMap<>();
    for (var e : b.entrySet()) {
      if (!e.getKey().startsWith("cmdstat_")) {
        continue;
      }
      long after = calls(e.getValue());
      long before = a.containsKey(e.getKey()) ? calls(a.get(e.getKey())) : 0;
      String name = e.getKey().substring("cmdstat_".length());
      calls.put(name, after - before - (name.equals("info") ? OWN_COMMANDS : 0));
    }
    return calls.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .map(e -> String.format("%s %,.1f", e.getKey(), e.getValue() / seconds))
        .reduce((x, y) -> x + ", " + y)
        .orElse("none");
  }

  private static long calls(String cmdstat) {
    for (String part : cmdstat.split(",")) {
      if (part.startsWith("calls=")) {
        return Long.parseLong(part.substring(6));
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- parsing (unit-tested)

  /** {@code key=value} arguments. */
  static Map<String, String> args(String[] argv) {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      if (a.isBlank()) {
        continue;
      }
      String[] kv = a.split("=", 2);
      args.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
    }
    return args;
  }

  /** The totals of {@code queues=10,1000}, each positive and larger than the one before. */
  static List<Integer> steps(String list) {
    List<Integer> steps = new ArrayList<>();
    for (String s : list.split(",")) {
      if (s.isBlank()) {
        continue;
      }
      int n = Integer.parseInt(s.trim().replace("_", ""));
      if (n <= 0 || (!steps.isEmpty() && n <= steps.get(steps.size() - 1))) {
        throw new IllegalArgumentException("queues must be positive and growing: " + list);
      }
      steps.add(n);
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("queues names no step: " + list);
    }
    return steps;
  }

  /** How many of the names are {@code scale.<n>} with n below {@code total}. */
  static int below(Set<String> names, int total) {
    int n = 0;
    for (String name : names) {
      Matcher m = SCALE_NAME.matcher(name);
      if (m.matches() && Long.parseLong(m.group(1)) < total) {
        n++;
      }
    }
    return n;
  }

  /**
   * utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line. The command name (field 2)
   * is in parentheses and may hold spaces and parentheses, so fields are counted after the last
   * ')'.
   */
  static long cpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
    }
    String[] f = stat.substring(close + 1).trim().split("\\s+");
    // f[0] is field 3 (state), so field k is f[k - 3].
    return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
  }

  /** VmRSS of a {@code /proc/<pid>/status} text in kB, -1 when absent (a zombie). */
  static long vmRssKb(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
      }
    }
    return -1;
  }

  /** {busy, total} jiffies of the aggregate {@code cpu} line of {@code /proc/stat}. */
  static long[] boxCpu(String procStat) {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.substring(4).trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest is already counted in user)
        for (int i = 0; i < Math.min(8, f.length); i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[3]) + (f.length > 4 ? Long.parseLong(f[4]) : 0);
        return new long[] {total - idle, total};
      }
    }
    throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
  }

  /** Series in a Prometheus text: the lines that are neither blank nor comments. */
  static int seriesCount(String prometheus) {
    int n = 0;
    for (String line : prometheus.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        n++;
      }
    }
    return n;
  }

  /**
   * The {@code scale.<n>} queues whose {@code queue_depth} gauge shows at least one message (the
   * last background pass of the node read it).
   */
  static Set<String> scaleQueuesWithMessages(String prometheus) {
    Set<String> names = new TreeSet<>();
    for (String line : prometheus.split("\n")) {
      if (!line.startsWith("queue_depth{")) {
        continue;
      }
      Matcher m = QUEUE_DEPTH.matcher(line.strip());
      if (m.find() && SCALE_NAME.matcher(m.group(1)).matches()) {
        try {
          if (Double.parseDouble(m.group(2)) >= 1) {
            names.add(m.group(1));
          }
        } catch (NumberFormatException ignored) {
          // NaN and the like: not a message
        }
      }
    }
    return names;
  }

  /**
   * Heap used in kB from {@code jcmd GC.heap_info}: the sum of the {@code used} figures of the
   * lines that also give a {@code total} (Serial: def new + tenured; Parallel: PSYoungGen +
   * ParOldGen; G1: garbage-first heap; metaspace lines have no total); ZGC's {@code ZHeap used NM};
   * -1 when none.
   */
  static long heapUsedKb(String heapInfo) {
    long kb = 0;
    boolean found = false;
    for (String line : heapInfo.split("\n")) {
      Matcher m = HEAP_USED.matcher(line);
      if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
        kb += Long.parseLong(m.group(1));
        found = true;
        continue;
      }
      Matcher z = ZGC_USED.matcher(line);
      if (z.find()) {
        kb += Long.parseLong(z.group(1)) * 1024;
        found = true;
      }
    }
    return found ? kb : -1;
  }

  /** The {@code key:value} lines of an INFO reply. */
  static Map<String, String> infoFields(String info) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  private static double pct(long ticks, long perSecond, double seconds) {
    return 100.0 * ticks / perSecond / seconds;
  }
}
