package io.distsync.security;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import java.util.Map;

/** 401 {@code UNAUTHENTICATED} or 403 {@code FORBIDDEN}, as the contract's JSON error. */
public class AccessException extends ApiException {
  private static final long serialVersionUID = 1L;

  private AccessException(ErrorCode code, String message, Map<String, String> headers) {
    super(code.name(), code.status(), message, headers, null);
  }

  /**
   * No valid token: the same words whatever was wrong with it (RFC 6750's challenge, without the
   * reason, which goes to the audit log only).
   */
  public static AccessException unauthenticated() {
    return new AccessException(
        ErrorCode.UNAUTHENTICATED,
        "This call needs a valid bearer token (Authorization: Bearer <token>).",
        Map.of("WWW-Authenticate", "Bearer realm=\"distsync\""));
  }

  public static AccessException forbidden(String message) {
    return new AccessException(ErrorCode.FORBIDDEN, message, Map.of());
  }
}
