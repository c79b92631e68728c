package io.distsync.client;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of one DistSync cluster: locks, queues and the cache, over HTTP with failover between
 * the nodes. Thread-safe; make one per application and {@link #close()} it at shutdown.
 *
 * <pre>{@code
 * try (DistSync ds = DistSync.builder().nodes("https://n1:8001", "https://n2:8001")
 *     .token(token).trustStore(Path.of("ca.pem")).build();
 *     DistributedLock lock = ds.lock("orders/42")) {
 *   lock.lock();
 *   write(lock.fencingToken());
 * }
 * }</pre>
 */
public final class DistSync implements AutoCloseable {
  private final Transport transport;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final ClientListener listener;
  private final Duration lockTtl;
  private final String id = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final Map<String, LockState> locks = new ConcurrentHashMap<>();
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile LockLostListener lockLostListener;
  private volatile boolean closed;

  private DistSync(Builder b) {
    if (b.nodes.isEmpty()) {
      throw new IllegalArgumentException("no nodes: give at least one URL");
    }
    this.listener = b.listener;
    this.lockTtl = b.lockTtl;
    this.transport =
        new Transport(
            b.nodes,
            b.token,
            b.trust == null ? null : TlsTrust.context(b.trust),
            b.connectTimeout,
            b.requestTimeout,
            b.deadline,
            b.listener);
    if (b.executor != null) {
      this.scheduler = b.executor;
      this.ownScheduler = false;
    } else {
      AtomicInteger n = new AtomicInteger();
      ScheduledThreadPoolExecutor s =
          new ScheduledThreadPoolExecutor(
              2,
              r -> {
                Thread t = new Thread(r, id + "-scheduler-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      s.setRemoveOnCancelPolicy(true);
      this.scheduler = s;
      this.ownScheduler = true;
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client from the environment: {@code DISTSYNC_NODES} (comma-separated URLs, required), {@code
   * DISTSYNC_TOKEN} and, for a cluster CA that the JDK does not trust, {@code DISTSYNC_CA} (a PEM
   * file).
   */
  public static DistSync fromEnvironment() {
    String nodes = System.getenv("DISTSYNC_NODES");
    if (nodes == null || nodes.isBlank()) {
      throw new IllegalStateException("DISTSYNC_NODES is not set");
    }
    Builder b = builder().nodes(nodes.split(",")).token(System.getenv("DISTSYNC_TOKEN"));
    String ca = System.getenv("DISTSYNC_CA");
    if (ca != null && !ca.isBlank()) {
      b.trustStore(Path.of(ca.strip()));
    }
    return b.build();
  }

  /** This client's id, the prefix of every lock owner it uses ({@code c-<random>}). */
  public String id() {
    return id;
  }

  /** An exclusive lock on {@code resource} with the client's lease length. */
  public DistributedLock lock(String resource) {
    return lock(resource, lockTtl);
  }

  /** An exclusive lock on {@code resource} whose lease lasts {@code ttl} between renewals. */
  public DistributedLock lock(String resource, Duration ttl) {
    return new DistributedLock(state(resource), LockState.Mode.EXCLUSIVE, ttl);
  }

  /** Shared (read) and exclusive (write) locks on the same {@code resource}. */
  public DistributedReadWriteLock readWriteLock(String resource) {
    return new DistributedReadWriteLock(state(resource), lockTtl);
  }

  /** A queue by name (it exists on the server from its first message). */
  public DistributedQueue queue(String name) {
    return new DistributedQueue(this, name);
  }

  /** The cluster's cache. */
  public DistributedCache cache() {
    return new DistributedCache(transport);
  }

  /** Sets the listener told of every lost lock of this client (besides each lock's own). */
  public void onLockLost(LockLostListener l) {
    this.lockLostListener = l;
  }

  /** One state per resource, so every view of it (lock, read, write) shares the holds. */
  private LockState state(String resource) {
    checkOpen();
    return locks.computeIfAbsent(resource, r -> new LockState(this, r));
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the DistSync client is closed");
    }
  }

  Transport transport() {
    return transport;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  ClientListener listener() {
    return listener;
  }

  LockLostListener lockLostListener() {
    return lockLostListener;
  }

  void register(Subscription s) {
    subscriptions.add(s);
  }

  void unregister(Subscription s) {
    subscriptions.remove(s);
  }

  /**
   * Stops every subscription (in-flight handlers get a short grace, the rest is nacked), stops the
   * lease watchdogs and releases the locks still held, best effort; shuts the scheduler down if the
   * client made it.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Subscription s : new ArrayList<>(subscriptions)) {
      s.stop(Duration.ofSeconds(5));
    }
    locks.values().forEach(LockState::releaseAll);
    if (ownScheduler) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Settings of a {@link DistSync}; {@link #nodes} is the only one required. */
  public static final class Builder {
    private final List<URI> nodes = new ArrayList<>();
    private String token;
    private KeyStore trust;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration deadline = Duration.ofSeconds(30);
    private Duration lockTtl = Duration.ofSeconds(30);
    private ScheduledExecutorService executor;
    private ClientListener listener = new ClientListener() {};

    private Builder() {}

    /** The nodes' base URLs ({@code https://host:port}); calls go round robin over them. */
    public Builder nodes(List<URI> urls) {
      nodes.addAll(urls);
      return this;
    }

    /** As {@link #nodes(List)}, from strings. */
    public Builder nodes(String... urls) {
      Arrays.stream(urls)
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .map(URI::create)
          .forEach(nodes::add);
      return this;
    }

    /** The bearer token sent with every request (none: for a cluster with {@code AUTH=off}). */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Trust the cluster's CA from a PEM file (one or more certificates). */
    public Builder trustStore(Path caPem) {
      this.trust = TlsTrust.fromPem(caPem);
      return this;
    }

    /** Trust the certificates of {@code store}. */
    public Builder trustStore(KeyStore store) {
      this.trust = store;
      return this;
    }

    /** TCP (and TLS) connect timeout of one attempt; default 2 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** Read timeout of one attempt on one node, on top of any server-side wait; default 10 s. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    /** Overall time of one call with all its retries and failovers; default 30 s. */
    public Builder deadline(Duration d) {
      this.deadline = d;
      return this;
    }

    /** Lease length of locks; the watchdog renews every third of it. Default 30 s. */
    public Builder lockTtl(Duration d) {
      this.lockTtl = d;
      return this;
    }

    /**
     * A scheduler for watchdogs and timers (managed environments); the client then never shuts it
     * down.
     */
    public Builder executor(ScheduledExecutorService s) {
      this.executor = s;
      return this;
    }

    /** Metrics and log hooks. */
    public Builder listener(ClientListener l) {
      this.listener = l == null ? new ClientListener() {} : l;
      return this;
    }

    /** The client. */
    public DistSync build() {
      return new DistSync(this);
    }
  }
}
