package io.distsync.cluster.channel;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The frame format: one WebSocket binary message carries every message a writer drained for one
 * connection. {@code frame := version count message*}; a message starts with its kind:
 *
 * <ul>
 *   <li>{@code HELLO nodeId}: the dialling node names itself, first on every connection;
 *   <li>{@code ONEWAY service body}: a message that needs no answer (Raft's own messages);
 *   <li>{@code CALL service callId body} and its answer {@code REPLY callId body} or {@code ERROR
 *       callId code message}, on the same connection;
 *   <li>{@code PING} and {@code PONG}: liveness of a connection that has nothing else to say.
 * </ul>
 *
 * Integers are variable-length, bodies and strings length-prefixed (see {@link WireOut}).
 */
final class Frames {
  static final int VERSION = 1;

  static final int HELLO = 0;
  static final int ONEWAY = 1;
  static final int CALL = 2;
  static final int REPLY = 3;
  static final int ERROR = 4;
  static final int PING = 5;
  static final int PONG = 6;

  private Frames() {}

  /** One message waiting in a connection's queue. */
  record Envelope(int kind, int service, long callId, String text, String text2, Outbound body) {
    int size() {
      return 16 + (body == null ? 0 : body.sizeHint()) + length(text) + length(text2);
    }

    private static int length(String s) {
      return s == null ? 0 : s.length() * 3;
    }

    static Envelope hello(String nodeId) {
      return new Envelope(HELLO, 0, 0, nodeId, null, null);
    }

    static Envelope oneway(int service, Outbound body) {
      return new Envelope(ONEWAY, service, 0, null, null, body);
    }

    static Envelope call(int service, long callId, Outbound body) {
      return new Envelope(CALL, service, callId, null, null, body);
    }

    static Envelope reply(long callId, Outbound body) {
      return new Envelope(REPLY, 0, callId, null, null, body);
    }

    static Envelope error(long callId, String code, String message) {
      return new Envelope(ERROR, 0, callId, code, message, null);
    }

    static Envelope ping() {
      return new Envelope(PING, 0, 0, null, null, null);
    }

    static Envelope pong() {
      return new Envelope(PONG, 0, 0, null, null, null);
    }
  }

  /** What a decoded frame says, message by message, in order. */
  interface Reader {
    void hello(String nodeId);

    void oneway(int service, WireIn body);

    void call(int service, long callId, WireIn body);

    void reply(long callId, WireIn body);

    void error(long callId, String code, String message);

    void ping();

    void pong();
  }

  /** Encodes {@code messages} (already coalesced) into {@code out}; {@code scratch} is reused. */
  static void encode(List<Envelope> messages, WireOut out, WireOut scratch) {
    out.putByte(VERSION);
    out.putVarLong(messages.size());
    for (Envelope m : messages) {
      out.putByte(m.kind());
      switch (m.kind()) {
        case HELLO -> out.putString(m.text());
        case ONEWAY -> out.putByte(m.service()).putNested(body(m, scratch));
        case CALL -> out.putByte(m.service()).putVarLong(m.callId()).putNested(body(m, scratch));
        case REPLY -> out.putVarLong(m.callId()).putNested(body(m, scratch));
        case ERROR -> out.putVarLong(m.callId()).putString(m.text()).putString(m.text2());
        case PING, PONG -> {}
        default -> throw new IllegalArgumentException("unknown kind " + m.kind());
      }
    }
  }

  private static WireOut body(Envelope m, WireOut scratch) {
    scratch.reset();
    m.body().writeBody(scratch);
    return scratch;
  }

  /** Decodes one frame and tells {@code reader} what is in it; throws if it is malformed. */
  static int decode(ByteBuffer frame, Reader reader) {
    WireIn in = new WireIn(frame);
    int version = in.getByte();
    if (version != VERSION) {
      throw new MalformedFrameException("frame version " + version + ", expected " + VERSION);
    }
    int count = in.getCount();
    for (int i = 0; i < count; i++) {
      int kind = in.getByte();
      switch (kind) {
        case HELLO -> reader.hello(in.getString());
        case ONEWAY -> reader.oneway(in.getByte(), in.getNested());
        case CALL -> {
          int service = in.getByte();
          long id = in.getVarLong();
          reader.call(service, id, in.getNested());
        }
        case REPLY -> {
          long id = in.getVarLong();
          reader.reply(id, in.getNested());
        }
        case ERROR -> reader.error(in.getVarLong(), in.getString(), in.getString());
        case PING -> reader.ping();
        case PONG -> reader.pong();
        default -> throw new MalformedFrameException("unknown message kind " + kind);
      }
    }
    in.expectEnd();
    return count;
  }
}
