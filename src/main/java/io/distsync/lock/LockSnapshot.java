package io.distsync.lock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock table as bytes, for Raft snapshots: clock, then each lock's holders and line, then (from
 * version 2) the answers remembered for client request ids ({@link RecentRequests}).
 */
final class LockSnapshot {
  private static final int VERSION = 2;

  private LockSnapshot() {}

  static byte[] write(LockTable table) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeLong(table.clock());
      out.writeInt(table.locks().size());
      for (ResourceLock r : table.locks().values()) {
        out.writeUTF(r.name);
        out.writeInt(r.holders.size());
        for (Holder h : r.holders.values()) {
          out.writeUTF(h.owner);
          out.writeByte(h.mode.ordinal());
          out.writeLong(h.token);
          out.writeLong(h.expiresAt);
          out.writeInt(h.holdCount);
          out.writeLong(h.ttlMs);
        }
        out.writeInt(r.waiters.size());
        for (Waiter w : r.waiters) {
          out.writeUTF(w.requestId());
          out.writeUTF(w.owner());
          out.writeByte(w.mode().ordinal());
          out.writeLong(w.ttlMs());
          out.writeLong(w.since());
          out.writeLong(w.deadline());
        }
      }
      RecentAnswers.write(out, table.recent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Restores {@code table} from {@link #write}'s bytes; empty bytes give an empty table. */
  static void read(LockTable table, byte[] snapshot) {
    if (snapshot.length == 0) {
      table.reset(0, List.of());
      return;
    }
    LockMode[] modes = LockMode.values();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      int version = in.readInt();
      if (version != 1 && version != VERSION) {
        throw new IllegalStateException("unknown lock snapshot version " + version);
      }
      long clock = in.readLong();
      int n = in.readInt();
      List<ResourceLock> locks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ResourceLock r = new ResourceLock(in.readUTF());
        int holders = in.readInt();
        for (int j = 0; j < holders; j++) {
          Holder h =
              new Holder(
                  in.readUTF(),
                  modes[in.readByte()],
                  in.readLong(),
                  in.readLong(),
                  in.readInt(),
                  in.readLong());
          r.holders.put(h.owner, h);
        }
        int waiters = in.readInt();
        for (int j = 0; j < waiters; j++) {
          r.waiters.add(
              new Waiter(
                  in.readUTF(),
                  in.readUTF(),
                  modes[in.readByte()],
                  in.readLong(),
                  in.readLong(),
                  in.readLong()));
        }
        locks.add(r);
      }
      table.reset(clock, locks);
      if (version >= 2) {
        RecentAnswers.read(in, table.recent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
