package io.distsync.cluster.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.cluster.channel.Frames.Envelope;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LinkTest {

  /** A sink that holds every write until the test completes it, like a peer that reads slowly. */
  private static final class HeldSink implements FrameSink {
    final List<ByteBuffer> frames = new ArrayList<>();
    final List<Consumer<Throwable>> pending = new ArrayList<>();
    String closedFor;

    @Override
    public void send(ByteBuffer frame, Consumer<Throwable> done) {
      ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
      frames.add(copy);
      pending.add(done);
    }

    @Override
    public void close(String reason) {
      closedFor = reason;
    }

    void completeAll() {
      List<Consumer<Throwable>> now = new ArrayList<>(pending);
      pending.clear();
      now.forEach(d -> d.accept(null));
    }

    List<String> messages(int frame) {
      List<String> seen = new ArrayList<>();
      Frames.decode(
          frames.get(frame).duplicate(),
          new Frames.Reader() {
            @Override
            public void hello(String nodeId) {
              seen.add("hello");
            }

            @Override
            public void oneway(int service, WireIn body) {
              seen.add(body.getString());
            }

            @Override
            public void call(int service, long callId, WireIn body) {
              seen.add("call " + body.getString());
            }

            @Override
            public void reply(long callId, WireIn body) {}

            @Override
            public void error(long callId, String code, String message) {}

            @Override
            public void ping() {
              seen.add("ping");
            }

            @Override
            public void pong() {}
          });
      return seen;
    }
  }

  /** A body that merges with a later one of the same kind into "a+b". */
  private record Mergeable(String text) implements Outbound {
    @Override
    public void writeBody(WireOut out) {
      out.putString(text);
    }

    @Override
    public Outbound mergeWith(Outbound later) {
      return later instanceof Mergeable m ? new Mergeable(text + "+" + m.text) : null;
    }
  }

  private static Outbound text(String s) {
    return Outbound.of(out -> out.putString(s), s.length() + 4);
  }

  private final HeldSink sink = new HeldSink();
  private final List<Link> closed = new ArrayList<>();

  private Link link(long maxQueued) {
    return new Link(true, "node2", sink, Runnable::run, maxQueued, null, closed::add);
  }

  @Test
  void when_aWriteIsInFlight_then_everythingQueuedMeanwhileGoesInTheNextFrame() {
    Link link = link(1 << 20);
    link.offer(Envelope.oneway(1, text("first")));
    for (int i = 0; i < 5; i++) {
      link.offer(Envelope.oneway(1, text("m" + i)));
    }

    assertThat(sink.frames).hasSize(1); // an idle connection sends at once
    sink.completeAll();

    assertThat(sink.frames).hasSize(2);
    assertThat(sink.messages(0)).containsExactly("first");
    assertThat(sink.messages(1)).containsExactly("m0", "m1", "m2", "m3", "m4");
  }

  @Test
  void when_successiveMessagesMerge_then_oneGoesInTheirPlace() {
    Link link = link(1 << 20);
    link.offer(Envelope.ping());
    link.offer(Envelope.oneway(1, new Mergeable("a")));
    link.offer(Envelope.oneway(1, new Mergeable("b")));
    link.offer(Envelope.oneway(1, text("plain")));
    link.offer(Envelope.oneway(1, new Mergeable("c")));
    sink.completeAll();

    assertThat(sink.messages(1)).containsExactly("a+b", "plain", "c");
  }

  @Test
  void when_thePeerStopsReading_then_queuedBytesStayBoundedAndMoreIsRefused() {
    long bound = 64 * 1024;
    Link link = link(bound);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 10_000; i++) {
      if (link.offer(Envelope.oneway(1, text("x".repeat(100))))) {
        accepted++;
      } else {
        refused++;
      }
      assertThat(link.queuedBytes()).isLessThanOrEqualTo(bound);
    }

    assertThat(accepted).isPositive();
    assertThat(refused).isPositive();
    assertThat(sink.frames).hasSize(1); // nothing more is written while the first write hangs
  }

  @Test
  void when_theConnectionCloses_then_callsInFlightFailWithAnUnknownOutcome() throws Exception {
    Link link = link(1 << 20);
    CompletableFuture<byte[]> call = link.call(2, text("noop:"), 5000);
    link.close("cut");

    assertThat(closed).containsExactly(link);
    assertThat(sink.closedFor).isEqualTo("cut");
    assertThat(call).isCompletedExceptionally();
    try {
      call.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(CallOutcomeUnknownException.class);
    }
    assertThat(link.offer(Envelope.ping())).isFalse();
  }

  @Test
  void when_aCallCannotBeQueued_then_itFailsAsNotSent() throws Exception {
    Link link = link(65536);
    link.offer(Envelope.oneway(1, text("y".repeat(60000))));
    link.offer(Envelope.oneway(1, text("y".repeat(60000)))); // fills the queue behind it

    CompletableFuture<byte[]> call = link.call(2, text("z".repeat(60000)), 5000);

    assertThat(call).isCompletedExceptionally();
    try {
      call.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(NotSentException.class);
    }
  }

  @Test
  void when_aCallOutlivesItsDeadline_then_itExpires() {
    Link link = link(1 << 20);
    CompletableFuture<byte[]> call = link.call(2, text("noop:"), 10);

    link.expireCalls(System.nanoTime() + 1_000_000_000L);

    assertThat(call).isCompletedExceptionally();
    assertThat(link.callsInFlight()).isZero();
  }

  @Test
  void when_aReplyArrives_then_itsCallCompletesWithTheBody() {
    Link link = link(1 << 20);
    CompletableFuture<byte[]> call = link.call(2, text("noop:"), 5000);

    link.completeCall(1, new byte[] {7});

    assertThat(call.join()).containsExactly(7);
  }
}
