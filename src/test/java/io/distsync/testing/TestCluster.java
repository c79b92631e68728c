package io.distsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/**
 * A real DistSync cluster for a test: one Redis and N Liberty servers, each a process of its own on
 * free ports, in a fresh folder under {@code target/cluster-it}. Every node reaches every other
 * node through a {@link LinkProxy}, so a test can cut, heal or delay one directed link.
 *
 * <pre>{@code
 * try (TestCluster cluster = TestCluster.start(3)) {
 *   cluster.node(2).kill();
 *   cluster.link(1, 3).cut();
 * }
 * }</pre>
 */
public final class TestCluster implements AutoCloseable {
  /** How long a cold start of N nodes on 2 busy cores may take. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  private final Path home;
  private final RedisServer redis;
  private final List<LibertyNode> nodes = new ArrayList<>();
  private final Map<String, LinkProxy> links = new LinkedHashMap<>();
  private final Map<Integer, LinkProxy> inbound = new LinkedHashMap<>();
  private Path wlp;
  private Map<String, String> extraEnv = Map.of();
  private RedisSentinels sentinels;
  private boolean redisLinks;
  private final Map<Integer, LinkProxy> redisProxies = new LinkedHashMap<>();

  private TestCluster(Path home, RedisServer redis) {
    this.home = home;
    this.redis = redis;
  }

  /** Starts Redis and {@code size} nodes, and waits until every node is ready. */
  public static TestCluster start(int size) {
    return start(size, Map.of());
  }

  /** As {@link #start(int)}, with extra environment variables for every node. */
  public static TestCluster start(int size, Map<String, String> env) {
    return start(size, env, n -> {});
  }

  /**
   * As {@link #start(int, Map)}, but each node reaches Redis through a proxy of its own, {@link
   * #redisLink(int)}, to cut one node off from Redis and not from its peers.
   */
  public static TestCluster startWithRedisLinks(int size, Map<String, String> env) {
    return start(size, env, n -> {}, true);
  }

  /**
   * As {@link #start(int, Map)}, with {@code prepare} run on each node before its first start (to
   * give it a disk of its own, for instance).
   */
  public static TestCluster start(
      int size, Map<String, String> env, java.util.function.Consumer<LibertyNode> prepare) {
    return start(size, env, prepare, false);
  }

  private static TestCluster start(
      int size,
      Map<String, String> env,
      java.util.function.Consumer<LibertyNode> prepare,
      boolean redisLinks) {
    Path home = newHome();
    TestCluster cluster =
        new TestCluster(home, new RedisServer(Ports.free(), home.resolve("redis")));
    cluster.redisLinks = redisLinks;
    return cluster.launch(size, env, prepare, cluster.redis::start);
  }

  /** A new folder of its own for one cluster, under {@code distsync.work.dir}. */
  private static Path newHome() {
    Path base = Path.of(System.getProperty("distsync.work.dir", "target/cluster-it"));
    try {
      Files.createDirectories(base);
      return Files.createTempDirectory(base.toAbsolutePath(), "cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code before} (Redis), creates the nodes, prepares and starts them, and waits until all
   * are ready; on any failure closes what was started.
   */
  private TestCluster launch(
      int size,
      Map<String, String> env,
      java.util.function.Consumer<LibertyNode> prepare,
      Runnable before) {
    Path wlp = Path.of(System.getProperty("distsync.wlp.dir", "target/liberty/wlp"));
    try {
      before.run();
      createNodes(size, wlp, env);
      nodes.forEach(prepare);
      nodes.forEach(LibertyNode::start);
      awaitAllReady(START_TIMEOUT);
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * As {@link #start(int, Map)}, but Redis is a primary with {@code replicas} replicas and three
   * sentinels ({@link RedisSentinels}): nodes get {@code REDIS_SENTINELS}, and a {@code REDIS_URL}
   * for the database only.
   */
  public static TestCluster startWithSentinels(int size, int replicas, Map<String, String> env) {
    return startWithSentinels(size, replicas, env, n -> {});
  }

  /** As above, with {@code prepare} run on each node before its first start. */
  public static TestCluster startWithSentinels(
      int size,
      int replicas,
      Map<String, String> env,
      java.util.function.Consumer<LibertyNode> prepare) {
    Path home = newHome();
    RedisSentinels group = RedisSentinels.start(home.resolve("redis"), replicas);
    TestCluster cluster = new TestCluster(home, group.firstPrimary());
    cluster.sentinels = group;
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("REDIS_SENTINELS", group.sentinelsEnv());
    return cluster.launch(size, all, prepare, () -> {});
  }

  /** The Redis primary, replicas and sentinels; null when the cluster has one plain Redis. */
  public RedisSentinels sentinels() {
    return sentinels;
  }

  private void createNodes(int size, Path wlp, Map<String, String> extraEnv) {
    this.wlp = wlp;
    this.extraEnv = Map.copyOf(extraEnv);
    int[] ports = new int[size + 1];
    int[] peerPorts = new int[size + 1];
    boolean tls = "https".equals(scheme());
    for (int i = 1; i <= size; i++) {
      ports[i] = Ports.free();
      peerPorts[i] = tls ? Ports.free() : ports[i];
    }
    for (int from = 1; from <= size; from++) {
      for (int to = 1; to <= size; to++) {
        if (from != to) {
          links.put(key(from, to), new LinkProxy("node" + from, "node" + to, 0, peerPorts[to]));
        }
      }
    }
    for (int i = 1; i <= size; i++) {
      StringJoiner peers = new StringJoiner(",");
      for (int j = 1; j <= size; j++) {
        int port = i == j ? peerPorts[j] : links.get(key(i, j)).port();
        peers.add("node" + j + "=" + scheme() + "://localhost:" + port);
      }
      Map<String, String> env = security(extraEnv);
      env.put("PEERS", peers.toString());
      env.put("REDIS_URL", redis.url());
      if (redisLinks) {
        LinkProxy toRedis = new LinkProxy("node" + i, "redis", 0, redis.port());
        redisProxies.put(i, toRedis);
        env.put("REDIS_URL", "redis://localhost:" + toRedis.port() + "/0");
      }
      env.put("CLUSTER_SECRET", "test-secret");
      env.put("PEER_PORT", String.valueOf(peerPorts[i]));
      nodes.add(new LibertyNode("node" + i, ports[i], home.resolve("node" + i), wlp, env));
    }
  }

  /**
   * Creates (does not start) one more node, {@code node<N+1>}, on a free port and with the same
   * extra environment as the others, for a membership change: its {@code PEERS} lists the existing
   * nodes through new proxies (one per directed link from it) and not itself, so with an empty data
   * folder it starts passive and waits to be added. Every existing node reaches it through one
   * shared proxy whose URL, {@link #memberUrl(int)}, is what to pass to {@code POST /raft/members};
   * {@code link(j, new)} answers that shared proxy for every j, so cutting it cuts every link into
   * the new node.
   */
  public LibertyNode addNode() {
    int n = nodes.size() + 1;
    int port = Ports.free();
    int peerPort = "https".equals(scheme()) ? Ports.free() : port;
    LinkProxy in = new LinkProxy("*", "node" + n, 0, peerPort);
    inbound.put(n, in);
    StringJoiner peers = new StringJoiner(",");
    for (int j = 1; j < n; j++) {
      LinkProxy out = new LinkProxy("node" + n, "node" + j, 0, node(j).peerPort());
      links.put(key(n, j), out);
      links.put(key(j, n), in);
      peers.add("node" + j + "=" + scheme() + "://localhost:" + out.port());
    }
    Map<String, String> env = security(extraEnv);
    env.put("PEERS", peers.toString());
    env.put("REDIS_URL", redis.url());
    env.put("CLUSTER_SECRET", "test-secret");
    env.put("PEER_PORT", String.valueOf(peerPort));
    LibertyNode node = new LibertyNode("node" + n, port, home.resolve("node" + n), wlp, env);
    nodes.add(node);
    return node;
  }

  /** The URL by which the other nodes reach a node made by {@link #addNode()}. */
  public String memberUrl(int i) {
    LinkProxy in = inbound.get(i);
    if (in == null) {
      throw new IllegalArgumentException("node" + i + " was not added with addNode()");
    }
    return scheme() + "://localhost:" + in.port();
  }

  /** https unless the cluster runs with {@code TLS=off}. */
  public String scheme() {
    return LibertyNode.scheme(extraEnv);
  }

  /**
   * Secure by default, as {@code liberty/cluster up}: TLS with the test CA's member certificate,
   * bearer tokens checked against the test signing key; {@code TLS=off} or {@code AUTH=off} in the
   * extra environment turns either off.
   */
  private static Map<String, String> security(Map<String, String> extraEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    TestPki pki = TestPki.cluster();
    env.put("TLS_KEYSTORE", pki.keyStore().toString());
    env.put("TLS_TRUSTSTORE", pki.trustStore().toString());
    env.put("TLS_PASSWORD", pki.password());
    env.put("AUTH_PUBLIC_KEY", pki.signingPem().toString());
    env.put("LISTEN_HOST", "localhost");
    env.putAll(extraEnv);
    return env;
  }

  private static String key(int from, int to) {
    return from + "->" + to;
  }

  /** Node {@code i}, counting from 1. */
  public LibertyNode node(int i) {
    return nodes.get(i - 1);
  }

  public List<LibertyNode> nodes() {
    return List.copyOf(nodes);
  }

  /** The directed link on which node {@code from} calls node {@code to}. */
  public LinkProxy link(int from, int to) {
    return links.get(key(from, to));
  }

  /** Cuts both directions between two nodes. */
  public void partition(int a, int b) {
    link(a, b).cut();
    link(b, a).cut();
  }

  /** Heals every link (to Redis too) and removes every delay. */
  public void healAll() {
    new java.util.LinkedHashSet<>(links.values()).forEach(LinkProxy::heal);
    redisProxies.values().forEach(LinkProxy::heal);
  }

  /** Node {@code i}'s link to Redis, when started with {@link #startWithRedisLinks}. */
  public LinkProxy redisLink(int i) {
    LinkProxy link = redisProxies.get(i);
    if (link == null) {
      throw new IllegalStateException("node" + i + " has no Redis link: use startWithRedisLinks");
    }
    return link;
  }

  public RedisServer redis() {
    return redis;
  }

  /**
   * Heals every link, starts every node that is not running (with its data), waits until all are
   * ready.
   */
  public void restoreAll() {
    healAll();
    for (LibertyNode n : nodes) {
      if (!n.isRunning()) {
        n.start();
      }
    }
    awaitAllReady(START_TIMEOUT);
  }

  /** Waits until every running node answers ready. */
  public void awaitAllReady(Duration within) {
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    for (LibertyNode n : nodes) {
      if (n.isRunning()) {
        waits.add(CompletableFuture.runAsync(() -> n.awaitReady(within)));
      }
    }
    try {
      CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof AssertionError a) {
        throw a;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (LibertyNode n : nodes) {
      stops.add(CompletableFuture.runAsync(n::close));
    }
    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    new java.util.LinkedHashSet<>(links.values()).forEach(LinkProxy::close);
    redisProxies.values().forEach(LinkProxy::close);
    if (sentinels != null) {
      sentinels.close();
    } else {
      redis.stop();
    }
  }
}
