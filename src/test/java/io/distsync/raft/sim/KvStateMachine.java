package io.distsync.raft.sim;

import io.distsync.raft.StateMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small key-value state machine: {@code put k v}, {@code cas k expected new}, {@code get k}.
 * Commands are text: {@code op|key|arg1|arg2|opId}. Reports every application to a listener so the
 * checkers can compare nodes (state machine safety).
 */
public final class KvStateMachine implements StateMachine {
  /** Told about each applied command. */
  public interface ApplyListener {
    void onApply(long index, byte[] command, long previousIndex);
  }

  private final TreeMap<String, String> data = new TreeMap<>();
  private final ApplyListener listener;
  private long lastIndex;

  public KvStateMachine(ApplyListener listener) {
    this.listener = listener;
  }

  public static byte[] put(String key, String value, long opId) {
    return ("put|" + key + "|" + value + "|-|" + opId).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] cas(String key, String expected, String value, long opId) {
    return ("cas|" + key + "|" + expected + "|" + value + "|" + opId)
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] get(String key, long opId) {
    return ("get|" + key + "|-|-|" + opId).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Object apply(long index, byte[] command) {
    listener.onApply(index, command, lastIndex);
    lastIndex = index;
    String[] p = new String(command, StandardCharsets.UTF_8).split("\\|");
    String key = p[1];
    String current = data.get(key);
    switch (p[0]) {
      case "put" -> {
        data.put(key, p[2]);
        return "OK";
      }
      case "cas" -> {
        String expected = "null".equals(p[2]) ? null : p[2];
        if (java.util.Objects.equals(current, expected)) {
          data.put(key, p[3]);
          return Boolean.TRUE;
        }
        return Boolean.FALSE;
      }
      case "get" -> {
        return String.valueOf(current);
      }
      default -> throw new IllegalArgumentException("unknown command " + p[0]);
    }
  }

  /** Value of {@code key} as text ("null" when absent); call on the node's executor. */
  public String read(String key) {
    return String.valueOf(data.get(key));
  }

  public Map<String, String> contents() {
    return new TreeMap<>(data);
  }

  public long lastIndex() {
    return lastIndex;
  }

  @Override
  public byte[] takeSnapshot() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(lastIndex);
      out.writeInt(data.size());
      for (Map.Entry<String, String> e : data.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      lastIndex = in.readLong();
      data.clear();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        data.put(in.readUTF(), in.readUTF());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
