package io.distsync.paging;

import io.distsync.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One page asked for: at most {@code limit} items whose names sort after {@code after} (null: from
 * the first). Built from the query parameters {@code limit} and {@code cursor}, read as text so
 * that a value JAX-RS cannot convert is the contract's 400, not a 404.
 *
 * @param limit items on the page, 1..{@link #MAX_LIMIT}
 * @param after the name of the last item of the page before, or null
 */
public record PageRequest(int limit, String after) {
  /** Items on a page when the request names no {@code limit}. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest {@code limit} accepted. */
  public static final int MAX_LIMIT = 1000;

  /** The first page of the default size. */
  public static final PageRequest FIRST = new PageRequest(DEFAULT_LIMIT, null);

  /** Parses the query parameters; 400 {@code INVALID_REQUEST} for a bad limit or cursor. */
  public static PageRequest of(String limit, String cursor) {
    int n = DEFAULT_LIMIT;
    if (limit != null && !limit.isBlank()) {
      try {
        n = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw ApiException.invalid("limit must be an integer between 1 and " + MAX_LIMIT);
      }
    }
    return new PageRequest(n, cursor == null || cursor.isBlank() ? null : decode(cursor.trim()));
  }

  /**
   * The cursor that continues after {@code lastName}: the name, base64url, so it needs no escaping.
   */
  public static String cursorAfter(String lastName) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String name = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (name.isEmpty() || name.length() > 1024) {
        throw new IllegalArgumentException("empty or long");
      }
      return name;
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("cursor is not one this service gave out");
    }
  }
}
