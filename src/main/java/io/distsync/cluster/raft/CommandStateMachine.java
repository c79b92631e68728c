package io.distsync.cluster.raft;

import io.distsync.raft.StateMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replicated state machine. Commands are UTF-8 text {@code [@<time> ]<kind>:<body>}: the leader
 * stamps its clock on every entry it appends ({@link #stamp}), so that replicas take time from the
 * log and never from their own clocks. {@code noop} is built in (its answer is the index); the
 * other kinds go to their {@link CommandHandler}. Runs on the Raft node's executor only (see {@link
 * StateMachine}).
 */
final class CommandStateMachine implements StateMachine {

  /**
   * What {@link #apply} returns: the entry's index and the command's answer, rendered to text only
   * when {@link #value} is asked for (by the node whose caller waits).
   */
  record CommandResult(long index, Object result, CommandHandler renderer) {
    CommandResult(long index, String value) {
      this(index, value, null);
    }

    /** The answer as text (JSON for the features' commands). */
    String value() {
      return renderer == null ? String.valueOf(result) : renderer.render(result);
    }
  }

  static final String NOOP = "noop:";

  private static final int MAGIC = 0x44535331; // "DSS1"

  private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
  private long applied;
  private long time;

  CommandStateMachine(List<CommandHandler> handlers) {
    for (CommandHandler h : handlers) {
      this.handlers.put(h.kind(), h);
    }
  }

  /** The command as the leader appends it: with its clock (epoch ms) in front. */
  static String stamp(String command, long nowMillis) {
    return "@" + nowMillis + " " + command;
  }

  @Override
  public Object apply(long index, byte[] command) {
    String text = new String(command, StandardCharsets.UTF_8);
    applied = index;
    if (text.startsWith("@")) {
      int space = text.indexOf(' ');
      if (space > 1) {
        // Time comes from the log and never goes back, whatever the leaders' clocks did.
        time = Math.max(time, parseTime(text.substring(1, space)));
        text = text.substring(space + 1);
      }
    }
    if (text.startsWith(NOOP)) {
      return new CommandResult(index, Long.toString(index));
    }
    int colon = text.indexOf(':');
    CommandHandler handler = colon < 0 ? null : handlers.get(text.substring(0, colon));
    if (handler == null) {
      return new CommandResult(index, "{\"error\":\"unknown command\"}");
    }
    return new CommandResult(index, handler.apply(index, time, text.substring(colon + 1)), handler);
  }

  private long parseTime(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return time;
    }
  }

  @Override
  public byte[] takeSnapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeLong(applied);
      out.writeLong(time);
      out.writeInt(handlers.size());
      for (CommandHandler h : handlers.values()) {
        byte[] state = h.snapshot();
        out.writeUTF(h.kind());
        out.writeInt(state.length);
        out.write(state);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    Map<String, byte[]> states = new LinkedHashMap<>();
    applied = 0;
    time = 0;
    if (snapshot.length >= 4) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
        if (in.readInt() == MAGIC) {
          applied = in.readLong();
          time = in.readLong();
          int n = in.readInt();
          for (int i = 0; i < n; i++) {
            String kind = in.readUTF();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            states.put(kind, state);
          }
        } else {
          // A snapshot from before the handlers: just the applied index, in ASCII.
          applied = Long.parseLong(new String(snapshot, StandardCharsets.US_ASCII).trim());
        }
      } catch (IOException | NumberFormatException e) {
        throw new IllegalStateException("unreadable state machine snapshot", e);
      }
    }
    for (CommandHandler h : handlers.values()) {
      h.restore(states.getOrDefault(h.kind(), new byte[0]));
    }
  }
}
