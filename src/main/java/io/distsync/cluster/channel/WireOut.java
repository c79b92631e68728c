package io.distsync.cluster.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the channel's compact binary encoding into a growing buffer: variable-length integers
 * (LEB128, zig-zag for signed values), length-prefixed UTF-8 strings and byte arrays. Not thread
 * safe: one writer builds one frame.
 */
public final class WireOut {
  private byte[] buf;
  private int size;

  public WireOut(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  /** The bytes written so far, without copying; valid until the next write. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(buf, 0, size);
  }

  /** Empties the buffer, keeping its capacity. */
  public WireOut reset() {
    size = 0;
    return this;
  }

  /** What {@code other} holds, length-prefixed as {@link #putBytes} writes it. */
  public WireOut putNested(WireOut other) {
    putVarLong(other.size + 1L);
    return putRaw(other.buf, 0, other.size);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public WireOut putByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  public WireOut putBoolean(boolean b) {
    return putByte(b ? 1 : 0);
  }

  /** An unsigned value (0 and up) in 1-10 bytes. */
  public WireOut putVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  /** A signed value, zig-zag encoded so that small negative values stay short. */
  public WireOut putSignedVarLong(long v) {
    return putVarLong((v << 1) ^ (v >> 63));
  }

  /** A string or null: length + 1 first (0 for null), then its UTF-8 bytes. */
  public WireOut putString(String s) {
    if (s == null) {
      return putVarLong(0);
    }
    return putBytesWithLengthPlusOne(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A byte array or null, as {@link #putString}. */
  public WireOut putBytes(byte[] b) {
    if (b == null) {
      return putVarLong(0);
    }
    return putBytesWithLengthPlusOne(b);
  }

  /** Raw bytes with no length in front (the reader must know where they end). */
  public WireOut putRaw(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, buf, size, length);
    size += length;
    return this;
  }

  private WireOut putBytesWithLengthPlusOne(byte[] b) {
    putVarLong(b.length + 1L);
    return putRaw(b, 0, b.length);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
