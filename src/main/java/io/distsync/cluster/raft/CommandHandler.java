package io.distsync.cluster.raft;

/**
 * One kind of replicated command ({@code <kind>:<body>} in the log), plugged into the state machine
 * as a CDI bean. The lock manager is one.
 *
 * <p><b>Threading.</b> Every method runs on the Raft node's serial executor, one call at a time, on
 * every node, in log order; an implementation needs no locking for its own state as long as other
 * threads only read it through {@link RaftService#read}. Methods must not block: they hold up
 * heartbeats while they run.
 *
 * <p><b>Determinism.</b> {@link #apply} may depend only on the state, the index, the time and the
 * body: never on this node's clock, randomness or I/O, so that every replica reaches the same
 * state.
 */
public interface CommandHandler {

  /** The prefix before the colon in this handler's commands. */
  String kind();

  /**
   * Applies a committed command.
   *
   * @param index the entry's log index
   * @param time the leader's clock when it appended the entry (epoch ms), never decreasing
   * @param body the text after {@code <kind>:}
   * @return the answer for the proposer: text, or an immutable object that {@link #render} turns
   *     into text. Only the node whose caller waits renders it, off the Raft thread: replicas that
   *     only apply never pay for the JSON.
   */
  Object apply(long index, long time, String body);

  /**
   * The text (JSON) of a result {@link #apply} returned; called on any thread, after apply, so the
   * result must not refer to mutable state.
   */
  default String render(Object result) {
    return String.valueOf(result);
  }

  /** The whole state, for log compaction. */
  byte[] snapshot();

  /** Replaces the state with a {@link #snapshot()}; an empty array means the initial state. */
  void restore(byte[] snapshot);
}
