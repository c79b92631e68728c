package io.distsync.overload;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;

/** 503 {@code OVERLOADED} with {@code Retry-After: 1}: the node is short of memory for now. */
final class OverloadedException extends ApiException {
  private static final long serialVersionUID = 1L;

  OverloadedException(String message) {
    super(ErrorCode.OVERLOADED, message); // a 503: ApiException adds Retry-After
  }
}
