package io.distsync.lock;

import io.distsync.cluster.NodeLog;
import io.distsync.cluster.raft.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Plugs the {@link LockTable} into the Raft state machine: {@code lock:} commands are decoded,
 * applied, and answered as JSON {@link LockResult}s. Runs on the Raft executor (see {@link
 * CommandHandler}).
 */
@ApplicationScoped
public class LockStateMachine implements CommandHandler {
  static final String KIND = "lock";
  private static final NodeLog LOG = NodeLog.of(LockStateMachine.class);
  private static final Jsonb JSON = JsonbBuilder.create();

  private final LockTable table = new LockTable();

  /** The table; read it only on the Raft executor (through {@code RaftService.read}). */
  public LockTable table() {
    return table;
  }

  static String command(LockCommand c) {
    return KIND + ":" + c.encode();
  }

  static LockResult decode(String json) {
    return JSON.fromJson(json, LockResult.class);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Object apply(long index, long time, String body) {
    LockResult result;
    try {
      result = table.apply(index, time, LockCommand.decode(body));
    } catch (IllegalArgumentException e) {
      // Never written by this code; refuse it the same way on every replica.
      LOG.warn("ignored a malformed lock command at index " + index + ": " + e.getMessage());
      result = LockResult.of(LockResult.Type.IGNORED, null, e.getMessage());
    }
    return result; // rendered by render(), only where a caller waits
  }

  @Override
  public String render(Object result) {
    return JSON.toJson(result);
  }

  @Override
  public byte[] snapshot() {
    return LockSnapshot.write(table);
  }

  @Override
  public void restore(byte[] snapshot) {
    LockSnapshot.read(table, snapshot);
  }
}
