package io.distsync.error;

import java.util.Map;

/**
 * A failure with a place in the public contract. Subclasses (or this class with a code) are thrown
 * by services and turned into a JSON error body by {@link ApiExceptionMapper}.
 */
public class ApiException extends RuntimeException {
  private final String code;
  private final int status;
  private final transient Map<String, String> headers;

  public ApiException(ErrorCode code, String message) {
    this(code.name(), code.status(), message, Map.of(), null);
  }

  public ApiException(ErrorCode code, String message, Throwable cause) {
    this(code.name(), code.status(), message, Map.of(), cause);
  }

  protected ApiException(
      String code, int status, String message, Map<String, String> headers, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** Extra response headers, for example {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The response body; subclasses may add fields (for example the holders of a lock). */
  public Object body() {
    return new ErrorBody(code, getMessage());
  }

  public static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_REQUEST, message);
  }
}
