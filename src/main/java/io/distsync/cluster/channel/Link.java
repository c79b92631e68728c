package io.distsync.cluster.channel;

import io.distsync.cluster.channel.Frames.Envelope;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One open connection to a peer and its writer. Messages are queued without blocking; one writer
 * task at a time drains everything queued into one frame (coalescing what can be merged) and starts
 * the next drain only when that frame is written, so a slow peer gets fewer, larger frames. The
 * bytes queued are bounded: past the bound a message is refused (the sender learns it at once),
 * never silently lost after being accepted while the connection stays open.
 */
final class Link {
  /** Largest frame a writer builds from several messages (a single larger message goes alone). */
  static final int MAX_FRAME_BYTES = 1 << 20;

  private final boolean dialled;
  private final FrameSink sink;
  private final Executor writers;
  private final long maxQueuedBytes;
  private final Consumer<Link> onClose;
  private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong nextCallId = new AtomicLong();
  private final Map<Long, PendingCall> calls = new ConcurrentHashMap<>();
  private final WireOut frame = new WireOut(4096);
  private final WireOut scratch = new WireOut(1024);
  private volatile String peerId;
  private volatile ChannelStats stats;
  private volatile String closeReason;
  private volatile long lastReceivedNanos = System.nanoTime();
  private volatile long lastSentNanos = System.nanoTime();

  /** A call waiting for its reply, with its deadline ({@link System#nanoTime}). */
  private record PendingCall(CompletableFuture<byte[]> future, long deadlineNanos) {}

  Link(
      boolean dialled,
      String peerId,
      FrameSink sink,
      Executor writers,
      long maxQueuedBytes,
      ChannelStats stats,
      Consumer<Link> onClose) {
    this.dialled = dialled;
    this.peerId = peerId;
    this.sink = sink;
    this.writers = writers;
    this.maxQueuedBytes = maxQueuedBytes;
    this.stats = stats;
    this.onClose = onClose;
  }

  /** True for the connection this node dialled (it sends on it), false for one a peer dialled. */
  boolean dialled() {
    return dialled;
  }

  String peerId() {
    return peerId;
  }

  ChannelStats stats() {
    return stats;
  }

  /** Names the peer of an accepted connection once its HELLO arrives. */
  void identify(String id, ChannelStats s) {
    peerId = id;
    stats = s;
  }

  boolean isClosed() {
    return closed.get();
  }

  String closeReason() {
    return closeReason;
  }

  long queuedBytes() {
    return queuedBytes.get();
  }

  long lastReceivedNanos() {
    return lastReceivedNanos;
  }

  long lastSentNanos() {
    return lastSentNanos;
  }

  void received(int bytes) {
    lastReceivedNanos = System.nanoTime();
    ChannelStats s = stats;
    if (s != null) {
      s.received(bytes);
    }
  }

  /** Queues {@code e}; false when the connection is closed or the bound on queued bytes is hit. */
  boolean offer(Envelope e) {
    if (closed.get()) {
      return false;
    }
    int size = e.size();
    if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
      queuedBytes.addAndGet(-size);
      return false;
    }
    queue.add(e);
    if (closed.get()) {
      queue.clear(); // closed meanwhile: nobody will drain it
      return false;
    }
    kick();
    return true;
  }

  /** Sends a call; the future completes with the reply body or fails (see the exceptions). */
  CompletableFuture<byte[]> call(int service, Outbound body, long timeoutMs) {
    CompletableFuture<byte[]> future = new CompletableFuture<>();
    long id = nextCallId.incrementAndGet();
    calls.put(id, new PendingCall(future, System.nanoTime() + timeoutMs * 1_000_000L));
    if (!offer(Envelope.call(service, id, body))) {
      calls.remove(id);
      future.completeExceptionally(new NotSentException(notSent()));
    }
    return future;
  }

  String notSent() {
    return closed.get()
        ? "the connection to " + peerId + " is closed"
        : "more than " + maxQueuedBytes + " bytes are queued for " + peerId;
  }

  void completeCall(long id, byte[] body) {
    PendingCall c = calls.remove(id);
    if (c != null) {
      c.future.complete(body);
    }
  }

  void failCall(long id, RuntimeException failure) {
    PendingCall c = calls.remove(id);
    if (c != null) {
      c.future.completeExceptionally(failure);
    }
  }

  /** Fails the calls whose deadline has passed (called by the channel's periodic check). */
  void expireCalls(long nowNanos) {
    for (Map.Entry<Long, PendingCall> e : calls.entrySet()) {
      if (nowNanos - e.getValue().deadlineNanos > 0 && calls.remove(e.getKey(), e.getValue())) {
        e.getValue()
            .future
            .completeExceptionally(
                new CallOutcomeUnknownException(peerId + " did not answer in time"));
      }
    }
  }

  int callsInFlight() {
    return calls.size();
  }

  /** Closes the connection: queued messages are dropped and calls in flight fail (unknown). */
  void close(String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeReason = reason;
    sink.close(reason);
    queue.clear();
    queuedBytes.set(0);
    for (Long id : calls.keySet()) {
      failCall(id, new CallOutcomeUnknownException("the connection to " + peerId + " closed"));
    }
    onClose.accept(this);
  }

  /**
   * Starts a drain on this thread when no write is in flight: an idle connection sends at once,
   * without a hand-off to another thread (on two cores a thread hand-off costs more than encoding a
   * few messages). While a write is in flight, messages pile up and the write's completion drains
   * them all into the next frame, on a writer thread.
   */
  private void kick() {
    if (writing.compareAndSet(false, true)) {
      drain();
    }
  }

  private void kickOnWriter() {
    if (writing.compareAndSet(false, true)) {
      try {
        writers.execute(this::drain);
      } catch (RuntimeException rejected) {
        writing.set(false);
        close("no writer thread: " + rejected);
      }
    }
  }

  private void drain() {
    if (closed.get()) {
      writing.set(false);
      return;
    }
    List<Envelope> batch = new ArrayList<>();
    long taken = 0;
    Envelope e;
    while (taken < MAX_FRAME_BYTES && (e = queue.poll()) != null) {
      taken += e.size();
      Envelope last = batch.isEmpty() ? null : batch.get(batch.size() - 1);
      if (last != null
          && last.kind() == Frames.ONEWAY
          && e.kind() == Frames.ONEWAY
          && last.service() == e.service()) {
        Outbound merged = last.body().mergeWith(e.body());
        if (merged != null) {
          batch.set(batch.size() - 1, Envelope.oneway(e.service(), merged));
          continue;
        }
      }
      batch.add(e);
    }
    if (batch.isEmpty()) {
      writing.set(false);
      if (!queue.isEmpty()) {
        kickOnWriter(); // queued after the poll, before writing was cleared
      }
      return;
    }
    long bytes = taken;
    int messages = batch.size();
    ByteBuffer buffer;
    try {
      frame.reset();
      Frames.encode(batch, frame, scratch);
      buffer = frame.buffer();
    } catch (RuntimeException encodeFailure) {
      queuedBytes.addAndGet(-bytes);
      writing.set(false);
      close("a message did not encode: " + encodeFailure);
      return;
    }
    int frameBytes = buffer.remaining();
    sink.send(
        buffer,
        failure -> {
          queuedBytes.addAndGet(-bytes);
          if (failure != null) {
            writing.set(false);
            close("write failed: " + failure);
            return;
          }
          lastSentNanos = System.nanoTime();
          ChannelStats s = stats;
          if (s != null) {
            s.sent(frameBytes, messages);
          }
          writing.set(false);
          if (!queue.isEmpty()) {
            kickOnWriter(); // never drain on the container's I/O thread
          }
        });
  }
}
