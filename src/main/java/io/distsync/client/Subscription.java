package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer loop on one queue: one thread long-polls ({@code POST /queues/{q}/consume}) for as
 * many messages as handlers are free, the handlers run on the executor; a handler that returns acks
 * its message, one that throws nacks it with a backoff. Deliveries whose handler still runs at 2/3
 * of the visibility timeout get it extended. {@link #stop(Duration)} stops polling, lets running
 * handlers finish until the timeout and nacks the rest (they are delivered again).
 */
public final class Subscription implements AutoCloseable {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final DistSync client;
  private final DistributedQueue queue;
  private final MessageHandler handler;
  private final SubscribeOptions options;
  private final String consumer;
  private final Semaphore free;
  private final ExecutorService workers;
  private final boolean ownWorkers;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

  /** The thread of the poll loop while it runs (own, or one of the given executor's). */
  private volatile Thread poller;

  private final java.util.concurrent.CountDownLatch pollEnded =
      new java.util.concurrent.CountDownLatch(1);
  private ScheduledFuture<?> extender;
  private volatile boolean running = true;

  /** A delivery being handled. */
  private static final class InFlight {
    final Delivery delivery;
    volatile long visibleUntilNanos;
    volatile boolean abandoned;
    volatile Future<?> future;

    InFlight(Delivery d, long visibleUntilNanos) {
      this.delivery = d;
      this.visibleUntilNanos = visibleUntilNanos;
    }
  }

  Subscription(
      DistSync client, DistributedQueue queue, MessageHandler handler, SubscribeOptions options) {
    this.client = client;
    this.queue = queue;
    this.handler = handler;
    this.options = options;
    int n = SEQ.incrementAndGet();
    this.consumer = client.id() + "/" + queue.name() + "/" + n;
    this.free = new Semaphore(options.concurrency);
    this.ownWorkers = options.executor == null;
    AtomicInteger t = new AtomicInteger();
    this.workers =
        ownWorkers
            ? Executors.newFixedThreadPool(
                options.concurrency,
                r -> daemon(r, "distsync-" + queue.name() + "-" + n + "-w" + t.incrementAndGet()))
            : options.executor;
    this.pollerName = "distsync-" + queue.name() + "-" + n + "-poll";
  }

  private final String pollerName;

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  void start() {
    long period = Math.max(50, options.visibility.toMillis() / 6);
    extender =
        client
            .scheduler()
            .scheduleWithFixedDelay(this::extendRunning, period, period, TimeUnit.MILLISECONDS);
    if (ownWorkers) {
      daemon(this::pollLoop, pollerName).start();
    } else {
      // A managed environment's executor runs the loop too: the client starts no thread there.
      options.executor.execute(this::pollLoop);
    }
  }

  /** The consumer name this subscription polls with. */
  public String consumer() {
    return consumer;
  }

  /** Messages being handled now. */
  public int inFlight() {
    return inFlight.size();
  }

  private void pollLoop() {
    poller = Thread.currentThread();
    try {
      pollUntilStopped();
    } finally {
      poller = null;
      pollEnded.countDown();
    }
  }

  private void pollUntilStopped() {
    int failures = 0;
    while (running) {
      int n;
      try {
        free.acquire();
        int more = free.drainPermits();
        n = Math.min(1 + more, options.maxMessages);
        free.release(1 + more - n);
      } catch (InterruptedException e) {
        return;
      }
      JsonNode answer;
      try {
        answer = queue.consume(consumer, n, options.visibility, options.pollWait);
        failures = 0;
      } catch (DistSyncException e) {
        free.release(n);
        if (!running) {
          return;
        }
        try {
          Thread.sleep(Transport.backoffMs(++failures)); // the whole cluster failed this call
        } catch (InterruptedException ie) {
          return;
        }
        continue;
      }
      List<Delivery> got = new ArrayList<>();
      answer.path("messages").forEach(m -> got.add(Delivery.of(m)));
      free.release(n - Math.min(n, got.size()));
      if (!running) {
        nackQuietly(got.stream().map(Delivery::receipt).toList());
        return;
      }
      long visibleUntil = System.nanoTime() + options.visibility.toNanos();
      for (Delivery d : got) {
        InFlight f = new InFlight(d, visibleUntil);
        inFlight.put(d.receipt(), f);
        f.future = workers.submit(() -> handle(f));
      }
    }
  }

  private void handle(InFlight f) {
    Delivery d = f.delivery;
    long start = System.nanoTime();
    boolean ok;
    try {
      handler.handle(d);
      ok = true;
    } catch (Exception | Error e) {
      ok = false;
    }
    try {
      if (!f.abandoned) {
        if (ok) {
          queue.ack(List.of(d.receipt()));
        } else {
          queue.nack(List.of(d.receipt()), nackDelayMs(d.deliveries()));
        }
      }
    } catch (DistSyncException e) {
      // not acked: the message comes back after its visibility timeout (at least once)
    } finally {
      inFlight.remove(d.receipt());
      free.release();
      boolean handled = ok;
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Transport.notify(() -> client.listener().messageHandled(queue.name(), d.id(), handled, took));
    }
  }

  private long nackDelayMs(int deliveries) {
    long base = options.nackBackoff.toMillis();
    long delay = base << Math.min(Math.max(0, deliveries - 1), 20);
    return Math.min(options.maxNackBackoff.toMillis(), delay);
  }

  /** Extends the visibility of deliveries whose handlers still run at 2/3 of it. */
  private void extendRunning() {
    long now = System.nanoTime();
    long third = options.visibility.toNanos() / 3;
    List<InFlight> due = new ArrayList<>();
    for (InFlight f : inFlight.values()) {
      if (!f.abandoned && f.visibleUntilNanos - third <= now) {
        due.add(f);
      }
    }
    for (int from = 0; from < due.size(); from += DistributedQueue.MAX_BATCH) {
      List<InFlight> part =
          due.subList(from, Math.min(due.size(), from + DistributedQueue.MAX_BATCH));
      long sent = System.nanoTime();
      try {
        queue.extend(part.stream().map(f -> f.delivery.receipt()).toList(), options.visibility);
        part.forEach(f -> f.visibleUntilNanos = sent + options.visibility.toNanos());
      } catch (DistSyncException e) {
        // tried again at the next tick; past the deadline the message is delivered again
      }
    }
  }

  /**
   * Stops polling, waits up to {@code timeout} for running handlers, then nacks the deliveries of
   * those still running (they are delivered again, to any consumer) and interrupts them.
   */
  public void stop(Duration timeout) {
    if (!running) {
      return;
    }
    running = false;
    Thread polling = poller;
    if (polling != null) {
      polling.interrupt();
    }
    long end = System.nanoTime() + timeout.toNanos();
    try {
      pollEnded.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      for (InFlight f : new ArrayList<>(inFlight.values())) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          f.future.get(left, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException
            | java.util.concurrent.CancellationException e) {
          // still running, or done: the nack below takes what is left
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> rest = new ArrayList<>();
    for (InFlight f : inFlight.values()) {
      f.abandoned = true;
      rest.add(f.delivery.receipt());
      if (f.future != null) {
        f.future.cancel(true);
      }
    }
    nackQuietly(rest);
    if (extender != null) {
      extender.cancel(false);
    }
    if (ownWorkers) {
      workers.shutdownNow();
    }
    client.unregister(this);
  }

  private void nackQuietly(List<String> receipts) {
    for (int from = 0; from < receipts.size(); from += DistributedQueue.MAX_BATCH) {
      try {
        queue.nack(
            receipts.subList(from, Math.min(receipts.size(), from + DistributedQueue.MAX_BATCH)),
            0);
      } catch (DistSyncException e) {
        // they come back after their visibility timeout anyway
      }
    }
  }

  /** {@link #stop(Duration)} with 10 s for running handlers. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
