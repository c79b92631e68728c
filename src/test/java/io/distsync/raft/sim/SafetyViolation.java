package io.distsync.raft.sim;

/** A Raft safety property (or linearizability) was violated. */
public final class SafetyViolation extends RuntimeException {
  public SafetyViolation(String message) {
    super(message);
  }
}
