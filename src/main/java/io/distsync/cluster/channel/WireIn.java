package io.distsync.cluster.channel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link WireOut} wrote. Every read checks the bounds and the encoding: a frame cut
 * short, an oversized length or invalid UTF-8 throws {@link MalformedFrameException}, never an
 * index or decoding error.
 */
public final class WireIn {
  private final ByteBuffer buf;

  public WireIn(ByteBuffer buf) {
    this.buf = buf;
  }

  public WireIn(byte[] bytes) {
    this(ByteBuffer.wrap(bytes));
  }

  public int remaining() {
    return buf.remaining();
  }

  public int getByte() {
    need(1);
    return buf.get() & 0xFF;
  }

  public boolean getBoolean() {
    int b = getByte();
    if (b > 1) {
      throw new MalformedFrameException("a boolean is 0 or 1, not " + b);
    }
    return b == 1;
  }

  public long getVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = getByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new MalformedFrameException("a variable-length integer runs past 10 bytes");
  }

  public long getSignedVarLong() {
    long v = getVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  /** A length or count that must fit in what is left of the frame (at least one byte each). */
  public int getCount() {
    long n = getVarLong();
    if (n < 0 || n > buf.remaining()) {
      throw new MalformedFrameException("a count of " + n + " exceeds the frame");
    }
    return (int) n;
  }

  public String getString() {
    byte[] b = getBytes();
    if (b == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedFrameException("a string is not valid UTF-8");
    }
  }

  public byte[] getBytes() {
    long n = getVarLong();
    if (n == 0) {
      return null;
    }
    if (n - 1 > buf.remaining()) {
      throw new MalformedFrameException("a length of " + (n - 1) + " exceeds the frame");
    }
    byte[] b = new byte[(int) (n - 1)];
    buf.get(b);
    return b;
  }

  /**
   * The next length-prefixed byte array as a reader of its own, without copying; this reader moves
   * past it. A null array reads as an empty one.
   */
  public WireIn getNested() {
    long n = getVarLong();
    if (n == 0) {
      return new WireIn(ByteBuffer.allocate(0));
    }
    if (n - 1 > buf.remaining()) {
      throw new MalformedFrameException("a length of " + (n - 1) + " exceeds the frame");
    }
    ByteBuffer slice = buf.slice();
    slice.limit((int) (n - 1));
    buf.position(buf.position() + (int) (n - 1));
    return new WireIn(slice);
  }

  /** What is left, copied. */
  public byte[] rest() {
    byte[] b = new byte[buf.remaining()];
    buf.get(b);
    return b;
  }

  /** Throws unless everything was read: a frame with bytes after its last message is refused. */
  public void expectEnd() {
    if (buf.hasRemaining()) {
      throw new MalformedFrameException(buf.remaining() + " bytes after the last message");
    }
  }

  private void need(int n) {
    if (buf.remaining() < n) {
      throw new MalformedFrameException("the frame ends in the middle of a message");
    }
  }
}
