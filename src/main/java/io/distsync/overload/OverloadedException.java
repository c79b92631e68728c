package io.distsync.overload;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import java.util.Map;

/** 503 {@code OVERLOADED} with {@code Retry-After: 1}: the node is short of memory for now. */
final class OverloadedException extends ApiException {
  private static final long serialVersionUID = 1L;

  OverloadedException(String message) {
    super(
        ErrorCode.OVERLOADED.name(),
        ErrorCode.OVERLOADED.status(),
        message,
        Map.of("Retry-After", "1"),
        null);
  }
}
