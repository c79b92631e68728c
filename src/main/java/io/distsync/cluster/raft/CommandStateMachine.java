package io.distsync.cluster.raft;

import io.distsync.raft.StateMachine;
import java.nio.charset.StandardCharsets;

/**
 * The replicated state machine. Commands are UTF-8 text {@code <kind>:<body>}; for now the only
 * kind is {@code noop}, whose result is the entry's index. The lock manager adds its own kind. Runs
 * on the Raft node's executor only (see {@link StateMachine}).
 */
final class CommandStateMachine implements StateMachine {

  /** What {@link #apply} returns: the entry's index and the command's answer as text. */
  record CommandResult(long index, String value) {}

  static final String NOOP = "noop:";

  private long applied;

  @Override
  public Object apply(long index, byte[] command) {
    String text = new String(command, StandardCharsets.UTF_8);
    applied = index;
    if (text.startsWith(NOOP)) {
      return new CommandResult(index, Long.toString(index));
    }
    return new CommandResult(index, "{\"error\":\"unknown command\"}");
  }

  @Override
  public byte[] takeSnapshot() {
    return Long.toString(applied).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void restore(byte[] snapshot) {
    applied =
        snapshot.length == 0 ? 0 : Long.parseLong(new String(snapshot, StandardCharsets.US_ASCII));
  }
}
