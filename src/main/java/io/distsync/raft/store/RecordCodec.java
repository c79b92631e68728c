package io.distsync.raft.store;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes one log record.
 *
 * <p>Layout (big-endian): {@code length:int32 | crc:int32 | index:int64 | term:int64 | type:int8 |
 * payload}, where {@code length} counts the bytes after the crc field ({@code 17 + payload}) and
 * {@code crc} is the CRC32C of the length field followed by those bytes, so a damaged length is
 * detected too.
 */
final class RecordCodec {
  /** Bytes before the body: length and crc. */
  static final int HEADER = 8;

  /** Fixed part of the body: index, term, type. */
  static final int BODY_FIXED = 17;

  /** Upper bound on one record's body; a larger length field can only be damage. */
  static final int MAX_BODY = 256 * 1024 * 1024;

  private RecordCodec() {}

  /** Size on disk of the record for {@code entry}. */
  static int encodedSize(LogEntry entry) {
    return HEADER + BODY_FIXED + entry.payload().length;
  }

  /** Writes the record for {@code entry} at the buffer's position. */
  static void encode(LogEntry entry, ByteBuffer out) {
    int bodyLength = BODY_FIXED + entry.payload().length;
    if (bodyLength > MAX_BODY) {
      throw new IllegalArgumentException("entry too large: " + entry);
    }
    int start = out.position();
    out.putInt(bodyLength);
    out.putInt(0); // crc placeholder
    out.putLong(entry.index());
    out.putLong(entry.term());
    out.put((byte) entry.type().code());
    out.put(entry.payload());
    out.putInt(start + 4, crc(out, start, HEADER + bodyLength));
  }

  /**
   * Decodes the record at {@code offset} of {@code buf} (absolute positions; {@code buf.limit()} is
   * the end of the data).
   *
   * @return the entry, or null when there is no complete record with a valid checksum there (the
   *     caller decides whether that is a torn tail or corruption)
   */
  static LogEntry decode(ByteBuffer buf, int offset) {
    int available = buf.limit() - offset;
    if (available < HEADER + BODY_FIXED) {
      return null;
    }
    int bodyLength = buf.getInt(offset);
    if (bodyLength < BODY_FIXED || bodyLength > MAX_BODY || bodyLength > available - HEADER) {
      return null;
    }
    int stored = buf.getInt(offset + 4);
    if (stored != crc(buf, offset, HEADER + bodyLength)) {
      return null;
    }
    long index = buf.getLong(offset + 8);
    long term = buf.getLong(offset + 16);
    int code = buf.get(offset + 24);
    if (index < 1 || term < 0 || !knownType(code)) {
      return null;
    }
    byte[] payload = new byte[bodyLength - BODY_FIXED];
    buf.get(offset + HEADER + BODY_FIXED, payload);
    return new LogEntry(index, term, EntryType.fromCode(code), payload);
  }

  /** Total record size at {@code offset}, valid only after {@link #decode} succeeded there. */
  static int recordSize(ByteBuffer buf, int offset) {
    return HEADER + buf.getInt(offset);
  }

  private static boolean knownType(int code) {
    for (EntryType t : EntryType.values()) {
      if (t.code() == code) {
        return true;
      }
    }
    return false;
  }

  /** CRC32C of the length field and the body; the crc field itself is skipped. */
  private static int crc(ByteBuffer buf, int start, int size) {
    CRC32C crc = new CRC32C();
    crc.update(buf.slice(start, 4));
    crc.update(buf.slice(start + HEADER, size - HEADER));
    return (int) crc.getValue();
  }
}
