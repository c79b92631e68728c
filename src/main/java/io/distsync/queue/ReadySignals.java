package io.distsync.queue;

import io.distsync.cluster.NodeLog;
import io.distsync.redis.RedisSettings;
import io.distsync.redis.SentinelResolver;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Hears, on every shard's channel {@value #CHANNEL}, each step that made messages ready (the
 * scripts publish {@code "<count> <partition prefix>"}), and wakes that many long polls of the
 * queue on this node. Rule: a waiting consumer costs nothing until a message arrives; {@link
 * Waiters} poll on a timer only while some shard's channel is not heard ({@link #healthy()} false).
 *
 * <p>Each shard's subscription blocks one thread of {@code concurrent/distsync-subscriber} for as
 * long as it lasts, on a connection of its own (a subscribed connection returned to the shared pool
 * would hand channel messages to other calls as their answers). It keeps the read timeout: a PING
 * every third of it keeps an idle subscription from timing out, and a subscription that fails is
 * started again a second later (timed by the scheduler, never by a sleeping thread). Every new
 * subscription wakes every waiter once, since signals sent while it was down were not heard.
 */
@ApplicationScoped
public class ReadySignals {
  private static final NodeLog LOG = NodeLog.of(ReadySignals.class);

  static final String CHANNEL = "dsq:ready";

  /** ms before a failed subscription is started again. */
  static final long RETRY_MS = 1000;

  @Inject RedisShards shards;
  @Inject RedisSettings redis;
  @Inject Waiters waiters;
  @Inject SentinelResolver sentinels;
  @Inject RedisClient main;

  @Resource(lookup = "concurrent/distsync-subscriber")
  ManagedExecutorService subscribers;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private final Map<Integer, Listener> listening = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private ScheduledFuture<?> pings;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    waiters.signals(this);
    shards.all().forEach(this::listen);
    // With sentinels the main Redis's subscription moves to each new primary: end it, it restarts.
    sentinels.onPrimary(
        p ->
            shards.all().stream()
                .filter(this::followsSentinels)
                .map(sh -> listening.get(sh.index()))
                .filter(l -> l != null && !p.equals(l.at))
                .forEach(Listener::close));
    long every = Math.max(100, redis.timeoutMs() / 3);
    pings = scheduler.scheduleWithFixedDelay(this::ping, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    stopping = true;
    if (pings != null) {
      pings.cancel(false);
    }
    listening.values().forEach(Listener::close);
  }

  /** True while every shard's channel is heard: ready messages wake waiters without a poll. */
  boolean healthy() {
    return listening.size() == shards.all().size()
        && listening.values().stream().allMatch(Listener::isSubscribed);
  }

  private void listen(RedisShards.Shard shard) {
    if (stopping) {
      return;
    }
    try {
      subscribers.execute(() -> subscribe(shard));
    } catch (RejectedExecutionException e) {
      retry(shard);
    }
  }

  /** Runs for as long as the subscription lasts. */
  private void subscribe(RedisShards.Shard shard) {
    Listener l = new Listener(shard);
    listening.put(shard.index(), l);
    // A connection of its own, closed when the subscription ends: never back into the pool.
    try (Jedis connection = connect(shard, l)) {
      connection.subscribe(l, CHANNEL);
    } catch (RuntimeException e) {
      if (!stopping && l.heard) {
        LOG.warn("ready signals of shard " + shard.id() + " lost, long polls poll: " + e);
      } else if (!stopping) {
        LOG.debug("ready signals of shard " + shard.id() + " not heard: " + e.getMessage());
      }
    } finally {
      listening.remove(shard.index(), l);
      // Waiters switch to polling now: nothing may wait on a channel nobody hears.
      waiters.wakeAll();
      retry(shard);
    }
  }

  private boolean followsSentinels(RedisShards.Shard shard) {
    return sentinels.active() && shard.client() == main;
  }

  /** The shard's Redis; for the main Redis with sentinels, the primary they name now. */
  private Jedis connect(RedisShards.Shard shard, Listener l) {
    if (!followsSentinels(shard)) {
      return redis.connect(shard.url(), redis.timeoutMs());
    }
    HostAndPort at = sentinels.primary();
    if (at == null) {
      throw new JedisConnectionException("no Redis primary known yet");
    }
    l.at = at;
    return redis.connect(at, redis.timeoutMs());
  }

  private void retry(RedisShards.Shard shard) {
    if (stopping) {
      return;
    }
    try {
      scheduler.schedule(() -> listen(shard), RETRY_MS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("ready signals of shard " + shard.id() + " stop: the scheduler refused");
    }
  }

  private void ping() {
    for (Listener l : listening.values()) {
      if (l.isSubscribed()) {
        try {
          l.ping();
        } catch (RuntimeException e) {
          LOG.debug("ready signal ping failed: " + e.getMessage());
        }
      }
    }
  }

  /** One shard's subscription. */
  private final class Listener extends JedisPubSub {
    final RedisShards.Shard shard;
    volatile boolean heard;
    volatile HostAndPort at;

    Listener(RedisShards.Shard shard) {
      this.shard = shard;
    }

    @Override
    public void onSubscribe(String channel, int count) {
      heard = true;
      LOG.debug("ready signals of shard " + shard.id() + " heard");
      // Signals sent before this subscription were not heard: every waiter tries once.
      waiters.wakeAll();
    }

    @Override
    public void onMessage(String channel, String message) {
      int space = message.indexOf(' ');
      if (space <= 0) {
        return;
      }
      PartitionKeys.Named named = PartitionKeys.parse(message.substring(space + 1));
      if (named == null) {
        return;
      }
      try {
        waiters.signal(named.queue(), Integer.parseInt(message.substring(0, space)));
      } catch (NumberFormatException e) {
        LOG.debug("ready signal not understood: " + message);
      }
    }

    void close() {
      try {
        if (isSubscribed()) {
          unsubscribe();
        }
      } catch (RuntimeException e) {
        LOG.debug("ready signals of shard " + shard.id() + " closed: " + e.getMessage());
      }
    }
  }
}
