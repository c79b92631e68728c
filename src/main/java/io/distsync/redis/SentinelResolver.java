package io.distsync.redis;

import io.distsync.cluster.NodeLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import redis.clients.jedis.HostAndPort;

/**
 * Follows the main Redis's primary through its Sentinels ({@code REDIS_SENTINELS}): asks them every
 * {@link #POLL_MS} ms on the managed scheduler (rule: no unmanaged threads), and at once (at most
 * every {@link #MIN_ASK_MS} ms) when a connection to the primary fails or a write is answered
 * READONLY. Listeners hear every change of primary on a scheduler thread. Inactive (no task)
 * without sentinels.
 */
@ApplicationScoped
public class SentinelResolver {
  private static final NodeLog LOG = NodeLog.of(SentinelResolver.class);

  /** How often the sentinels are asked. */
  static final long POLL_MS = 300;

  /** The least time between two on-demand asks. */
  static final long MIN_ASK_MS = 100;

  /** Connect and read timeout of one sentinel call. */
  static final int SENTINEL_TIMEOUT_MS = 500;

  @Inject RedisSettings settings;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private SentinelQuery query;
  private final List<Consumer<HostAndPort>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong lastAskNanos = new AtomicLong(System.nanoTime() - 1_000_000_000L);
  private volatile HostAndPort primary;
  private volatile List<SentinelQuery.Answer> lastAnswers = List.of();
  private volatile ScheduledFuture<?> task;

  @PostConstruct
  void open() {
    List<HostAndPort> sentinels = settings.sentinels();
    if (sentinels.isEmpty()) {
      return;
    }
    query = new SentinelQuery(sentinels, settings.sentinelMaster(), SENTINEL_TIMEOUT_MS);
    // A write answered READONLY went to a demoted primary: ask at once, not at the next poll.
    RedisUnavailable.onReadOnly(this::askSoon);
    // The first answer on the caller's thread, so the client starts with a primary when it can.
    ask();
    task = scheduler.scheduleWithFixedDelay(this::ask, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void close() {
    RedisUnavailable.onReadOnly(null);
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  /** True when the main Redis is followed through sentinels. */
  public boolean active() {
    return query != null;
  }

  /** The primary the sentinels named last; null before any answered. */
  public HostAndPort primary() {
    return primary;
  }

  /** The sentinels' last answers, for {@code /status}. */
  public List<SentinelQuery.Answer> answers() {
    return lastAnswers;
  }

  public String master() {
    return query == null ? null : query.master();
  }

  /** Calls {@code listener} with the current primary (if known) and every later one. */
  public void onPrimary(Consumer<HostAndPort> listener) {
    listeners.add(listener);
    HostAndPort p = primary;
    if (p != null) {
      listener.accept(p);
    }
  }

  /** Asks the sentinels soon, unless they were asked within {@link #MIN_ASK_MS}. */
  public void askSoon() {
    if (query == null) {
      return;
    }
    long last = lastAskNanos.get();
    long now = System.nanoTime();
    if (now - last < MIN_ASK_MS * 1_000_000 || !lastAskNanos.compareAndSet(last, now)) {
      return;
    }
    try {
      scheduler.execute(this::ask);
    } catch (RejectedExecutionException e) {
      LOG.debug("sentinel ask refused by the scheduler: " + e.getMessage());
    }
  }

  /**
   * Asks every sentinel (for the status view); the primary most of them name wins (during a
   * failover a sentinel may still name the old one).
   */
  private synchronized void ask() {
    lastAskNanos.set(System.nanoTime());
    List<SentinelQuery.Answer> answers = new ArrayList<>();
    for (HostAndPort s : query.sentinels()) {
      answers.add(query.ask(s));
    }
    HostAndPort named = SentinelQuery.mostNamed(answers);
    lastAnswers = List.copyOf(answers);
    if (named == null || named.equals(primary)) {
      if (named == null) {
        LOG.debug("no sentinel names a primary for " + query.master());
      }
      return;
    }
    HostAndPort old = primary;
    primary = named;
    LOG.warn("Redis primary of " + query.master() + " is now " + named + " (was " + old + ")");
    for (Consumer<HostAndPort> l : listeners) {
      try {
        l.accept(named);
      } catch (RuntimeException e) {
        LOG.warn("switching to Redis primary " + named + " failed: " + e);
      }
    }
  }
}
