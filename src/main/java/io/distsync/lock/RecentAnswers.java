package io.distsync.lock;

import io.distsync.lock.LockResult.Type;
import io.distsync.lock.RecentRequests.Answer;
import io.distsync.lock.model.HolderView;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The part of a lock snapshot that holds {@link RecentRequests}, in the order of forgetting. */
final class RecentAnswers {
  private RecentAnswers() {}

  static void write(DataOutputStream out, RecentRequests recent) throws IOException {
    out.writeInt(recent.answers().size());
    for (Map.Entry<String, Answer> e : recent.answers().entrySet()) {
      Answer a = e.getValue();
      out.writeUTF(e.getKey());
      out.writeUTF(a.kind());
      out.writeUTF(a.resource());
      out.writeLong(a.keepUntil());
      writeResult(out, a.result());
    }
    out.writeInt(recent.waiting().size());
    for (Map.Entry<String, String> e : recent.waiting().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  static void read(DataInputStream in, RecentRequests recent) throws IOException {
    int n = in.readInt();
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = in.readUTF();
      String kind = in.readUTF();
      String resource = in.readUTF();
      long keepUntil = in.readLong();
      answers.put(key, new Answer(kind, resource, readResult(in), keepUntil));
    }
    int w = in.readInt();
    Map<String, String> waiting = new HashMap<>();
    for (int i = 0; i < w; i++) {
      waiting.put(in.readUTF(), in.readUTF());
    }
    recent.reset(answers, waiting);
  }

  private static void writeResult(DataOutputStream out, LockResult r) throws IOException {
    out.writeByte(r.type().ordinal());
    writeNullable(out, r.resource());
    writeNullable(out, r.owner());
    writeNullable(out, r.mode());
    out.writeLong(r.fencingToken());
    out.writeLong(r.expiresAt());
    out.writeInt(r.holdCount());
    writeNullable(out, r.requestId());
    out.writeInt(r.holders() == null ? -1 : r.holders().size());
    if (r.holders() != null) {
      for (HolderView h : r.holders()) {
        out.writeUTF(h.owner());
        out.writeLong(h.fencingToken());
        out.writeLong(h.expiresAt());
        out.writeInt(h.holdCount());
      }
    }
    out.writeInt(r.cycle() == null ? -1 : r.cycle().size());
    if (r.cycle() != null) {
      for (String owner : r.cycle()) {
        out.writeUTF(owner);
      }
    }
    writeNullable(out, r.reason());
  }

  private static LockResult readResult(DataInputStream in) throws IOException {
    Type type = Type.values()[in.readByte()];
    String resource = readNullable(in);
    String owner = readNullable(in);
    String mode = readNullable(in);
    long token = in.readLong();
    long expiresAt = in.readLong();
    int holdCount = in.readInt();
    String requestId = readNullable(in);
    List<HolderView> holders = null;
    int h = in.readInt();
    if (h >= 0) {
      holders = new ArrayList<>(h);
      for (int i = 0; i < h; i++) {
        holders.add(new HolderView(in.readUTF(), in.readLong(), in.readLong(), in.readInt()));
      }
    }
    List<String> cycle = null;
    int c = in.readInt();
    if (c >= 0) {
      cycle = new ArrayList<>(c);
      for (int i = 0; i < c; i++) {
        cycle.add(in.readUTF());
      }
    }
    return new LockResult(
        type,
        resource,
        owner,
        mode,
        token,
        expiresAt,
        holdCount,
        requestId,
        holders,
        cycle,
        readNullable(in));
  }

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
