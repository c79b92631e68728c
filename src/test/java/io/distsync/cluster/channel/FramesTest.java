package io.distsync.cluster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.cluster.channel.Frames.Envelope;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramesTest {

  /** Records what a frame said, one line per message. */
  private static final class Recorder implements Frames.Reader {
    final List<String> seen = new ArrayList<>();

    @Override
    public void hello(String nodeId) {
      seen.add("hello " + nodeId);
    }

    @Override
    public void oneway(int service, WireIn body) {
      seen.add("oneway " + service + " " + body.getString());
    }

    @Override
    public void call(int service, long callId, WireIn body) {
      seen.add("call " + service + " " + callId + " " + body.getString());
    }

    @Override
    public void reply(long callId, WireIn body) {
      seen.add("reply " + callId + " " + body.getString());
    }

    @Override
    public void error(long callId, String code, String message) {
      seen.add("error " + callId + " " + code + " " + message);
    }

    @Override
    public void ping() {
      seen.add("ping");
    }

    @Override
    public void pong() {
      seen.add("pong");
    }
  }

  private static Outbound text(String s) {
    return Outbound.of(out -> out.putString(s));
  }

  private static byte[] frame(List<Envelope> messages) {
    WireOut out = new WireOut(16);
    Frames.encode(messages, out, new WireOut(16));
    return out.toByteArray();
  }

  private static final List<Envelope> EVERY_KIND =
      List.of(
          Envelope.hello("node2"),
          Envelope.oneway(1, text("vote")),
          Envelope.call(2, 300, text("noop:")),
          Envelope.reply(300, text("{\"index\":7}")),
          Envelope.error(301, "NOT_LEADER", "node3 leads"),
          Envelope.ping(),
          Envelope.pong());

  @Test
  void when_everyKindIsInOneFrame_then_theyAreReadBackInOrder() {
    Recorder r = new Recorder();
    int count = Frames.decode(ByteBuffer.wrap(frame(EVERY_KIND)), r);

    assertThat(count).isEqualTo(7);
    assertThat(r.seen)
        .containsExactly(
            "hello node2",
            "oneway 1 vote",
            "call 2 300 noop:",
            "reply 300 {\"index\":7}",
            "error 301 NOT_LEADER node3 leads",
            "ping",
            "pong");
  }

  @Test
  void when_aFrameIsCutAtAnyByte_then_itIsRefusedAsMalformed() {
    byte[] whole = frame(EVERY_KIND);
    for (int cut = 0; cut < whole.length; cut++) {
      ByteBuffer part = ByteBuffer.wrap(whole, 0, cut);
      assertThatThrownBy(() -> Frames.decode(part, new Recorder()))
          .as("frame cut after %d of %d bytes", cut, whole.length)
          .isInstanceOf(MalformedFrameException.class);
    }
  }

  @Test
  void when_bytesFollowTheLastMessage_then_theFrameIsRefused() {
    byte[] whole = frame(List.of(Envelope.ping()));
    byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);

    assertThatThrownBy(() -> Frames.decode(ByteBuffer.wrap(longer), new Recorder()))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("after the last message");
  }

  @Test
  void when_randomBytesArrive_then_onlyMalformedFrameIsEverThrown() {
    Random random = new Random(20261202);
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = new byte[random.nextInt(64)];
      random.nextBytes(junk);
      if (junk.length > 0 && random.nextBoolean()) {
        junk[0] = Frames.VERSION; // get past the version byte half of the time
      }
      try {
        Frames.decode(ByteBuffer.wrap(junk), new Recorder());
      } catch (MalformedFrameException expected) {
        // the only failure allowed
      }
    }
  }

  @Test
  void when_aStringIsNotUtf8_then_itIsRefused() {
    WireOut out = new WireOut(8).putVarLong(3).putRaw(new byte[] {(byte) 0xC3, (byte) 0x28}, 0, 2);

    assertThatThrownBy(() -> new WireIn(out.toByteArray()).getString())
        .isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void when_varLongsAndStringsRoundTrip_then_theyKeepTheirValues() {
    long[] values = {0, 1, 127, 128, 300, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
    WireOut out = new WireOut(4);
    for (long v : values) {
      out.putVarLong(v).putSignedVarLong(v);
    }
    out.putString(null).putString("").putString("é\u20ac\ud83d\ude00").putBytes(new byte[] {1, 2});
    WireIn in = new WireIn(out.toByteArray());
    for (long v : values) {
      assertThat(in.getVarLong()).isEqualTo(v);
      assertThat(in.getSignedVarLong()).isEqualTo(v);
    }
    assertThat(in.getString()).isNull();
    assertThat(in.getString()).isEmpty();
    assertThat(in.getString()).isEqualTo("é\u20ac\ud83d\ude00");
    assertThat(in.getBytes()).containsExactly(1, 2);
    in.expectEnd();
  }
}
