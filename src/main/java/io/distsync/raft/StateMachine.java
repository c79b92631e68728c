package io.distsync.raft;

/**
 * The replicated state machine.
 *
 * <p><b>Threading.</b> Every method is called on the node's serial executor, one at a time, so an
 * implementation needs no synchronization of its own for calls from the engine. Methods should be
 * quick: they hold up the node's executor (and thus heartbeats) while they run.
 */
public interface StateMachine {

  /**
   * Applies a committed command, in log order, exactly once per node lifetime (again after a
   * restart, from the last snapshot on).
   *
   * @return the result handed to the proposer's future (may be null)
   */
  Object apply(long index, byte[] command);

  /** Serializes the whole state (covering every command applied so far). */
  byte[] takeSnapshot();

  /** Replaces the whole state with a snapshot taken by {@link #takeSnapshot()}. */
  void restore(byte[] snapshot);
}
