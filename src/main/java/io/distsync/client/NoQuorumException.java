package io.distsync.client;

/**
 * 503 {@code NO_QUORUM} from every node tried until the call's deadline: no leader, or a command
 * whose outcome is unknown. Lock calls carry a {@code requestId}, so retrying the same call later
 * is safe.
 */
public class NoQuorumException extends DistSyncException {
  private static final long serialVersionUID = 1L;

  /** The last 503 answer of the call. */
  public NoQuorumException(String code, int status, String message) {
    super(code, status, message);
  }
}
