package io.distsync.client;

import java.util.List;

/**
 * 409 {@code DEADLOCK}: waiting would have closed a cycle in the wait-for graph, so the server
 * refused the acquire. {@link #cycle()} lists the owners, the requester first.
 */
public class DeadlockException extends DistSyncException {
  private static final long serialVersionUID = 1L;

  private final List<String> cycle;

  /** A refusal with the cycle the server found. */
  public DeadlockException(String code, int status, String message, List<String> cycle) {
    super(code, status, message);
    this.cycle = List.copyOf(cycle);
  }

  /** The owners of the cycle, the requester first. */
  public List<String> cycle() {
    return cycle;
  }
}
