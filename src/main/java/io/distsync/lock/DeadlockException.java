package io.distsync.lock;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import java.util.List;

/**
 * 409 {@code DEADLOCK}: waiting would close a cycle in the wait-for graph; the requester is the
 * victim and was not put in line. {@code cycle} lists the owners, the requester first.
 */
public class DeadlockException extends ApiException {
  private final String resource;
  private final List<String> cycle;

  /** The body: the error and the cycle of owners. */
  public record Body(String error, String message, String resource, List<String> cycle) {}

  DeadlockException(String resource, List<String> cycle) {
    super(
        ErrorCode.DEADLOCK,
        "Waiting for "
            + resource
            + " would deadlock: "
            + String.join(" -> ", cycle)
            + " -> "
            + cycle.get(0)
            + ".");
    this.resource = resource;
    this.cycle = List.copyOf(cycle);
  }

  @Override
  public Object body() {
    return new Body(code(), getMessage(), resource, cycle);
  }
}
