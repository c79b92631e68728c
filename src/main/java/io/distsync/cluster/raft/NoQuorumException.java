package io.distsync.cluster.raft;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;

/** 503 {@code NO_QUORUM}: no leader could be reached, or the outcome is unknown; try again. */
public class NoQuorumException extends ApiException {
  public NoQuorumException(String message) {
    super(ErrorCode.NO_QUORUM, message); // a 503: ApiException adds Retry-After
  }
}
