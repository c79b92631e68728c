package io.distsync.raft.impl;

import io.distsync.raft.StateMachine;

/** A state machine that keeps nothing, for tests of the engine's own rules. */
final class NoopStateMachine implements StateMachine {

  @Override
  public Object apply(long index, byte[] command) {
    return null;
  }

  @Override
  public byte[] takeSnapshot() {
    return new byte[0];
  }

  @Override
  public void restore(byte[] snapshot) {}
}
