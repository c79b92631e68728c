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
    this.headers = status == 503 ? withRetryAfter(headers) : Map.copyOf(headers);
  }

  /** Every 503 of the contract says when to try again (General, Retry-After and retries). */
  private static Map<String, String> withRetryAfter(Map<String, String> headers) {
    if (headers.containsKey("Retry-After")) {
      return Map.copyOf(headers);
    }
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Retry-After", "1");
    return Map.copyOf(all);
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
