package io.distsync.dashboard;

import io.distsync.cluster.NodeLog;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one snapshot per second to every open dashboard, from one task on the managed scheduler:
 * the snapshot is built and serialized once per tick whatever the number of viewers. The task runs
 * only while someone listens; a stream whose send fails is dropped.
 */
@ApplicationScoped
public class DashboardBroadcaster {
  private static final NodeLog LOG = NodeLog.of(DashboardBroadcaster.class);

  /** Open streams are bounded: each holds a connection. */
  public static final int MAX_VIEWERS = 32;

  static final long PERIOD_MS = 1_000;

  @Inject DashboardService dashboard;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private final Set<SseEventSink> sinks = ConcurrentHashMap.newKeySet();
  private final Jsonb jsonb = JsonbBuilder.create();
  private volatile Sse sse;
  private ScheduledFuture<?> task;

  /** Adds a stream; false when {@link #MAX_VIEWERS} are open already. */
  synchronized boolean join(SseEventSink sink, Sse sse) {
    if (sinks.size() >= MAX_VIEWERS) {
      return false;
    }
    this.sse = sse;
    sinks.add(sink);
    // The first event goes out at once, so the page knows the stream is open.
    send(sink, sse.newEventBuilder().name("hello").data(String.class, "{}").build());
    if (task == null) {
      task = scheduler.scheduleAtFixedRate(this::tick, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }
    return true;
  }

  /** The number of open streams. */
  int viewers() {
    return sinks.size();
  }

  private void tick() {
    try {
      sinks.removeIf(SseEventSink::isClosed);
      if (stopIfIdle()) {
        return;
      }
      String json = jsonb.toJson(dashboard.snapshot());
      OutboundSseEvent event =
          sse.newEventBuilder()
              .name("snapshot")
              .mediaType(MediaType.TEXT_PLAIN_TYPE)
              .data(String.class, json)
              .build();
      for (SseEventSink sink : sinks) {
        send(sink, event);
      }
    } catch (RuntimeException e) {
      // A failed tick must not cancel the periodic task.
      LOG.warn(e, "dashboard snapshot failed");
    }
  }

  private synchronized boolean stopIfIdle() {
    if (sinks.isEmpty() && task != null) {
      task.cancel(false);
      task = null;
      return true;
    }
    return task == null;
  }

  private void send(SseEventSink sink, OutboundSseEvent event) {
    try {
      sink.send(event)
          .whenComplete(
              (v, failure) -> {
                if (failure != null) {
                  drop(sink);
                }
              });
    } catch (RuntimeException e) {
      drop(sink);
    }
  }

  private void drop(SseEventSink sink) {
    sinks.remove(sink);
    try {
      sink.close();
    } catch (RuntimeException e) {
      LOG.debug("closing a dashboard stream: " + e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    sinks.forEach(this::drop);
    try {
      jsonb.close();
    } catch (Exception e) {
      LOG.debug("closing JSON-B: " + e);
    }
  }
}
