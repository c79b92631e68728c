package io.distsync.cluster.raft;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import java.util.Map;

/** 503 {@code NO_QUORUM}: no leader could be reached, or the outcome is unknown; try again. */
public class NoQuorumException extends ApiException {
  public NoQuorumException(String message) {
    super(
        ErrorCode.NO_QUORUM.name(),
        ErrorCode.NO_QUORUM.status(),
        message,
        Map.of("Retry-After", "1"),
        null);
  }
}
