package io.distsync.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing: the items, and the cursor of the next page (null on the last page).
 *
 * @param items the items, in name order
 * @param nextCursor what to pass as {@code cursor} for the next page, or null
 */
public record Page<T>(List<T> items, String nextCursor) {
  /** Name of the response header that carries the next page's cursor. */
  public static final String NEXT_CURSOR = "Next-Cursor";

  /**
   * The page of {@code limit + 1} candidates that a store returned: the extra one only tells that
   * another page follows; the cursor names the last item kept.
   */
  public static <T> Page<T> of(List<T> candidates, int limit, Function<T, String> name) {
    if (candidates.size() <= limit) {
      return new Page<>(List.copyOf(candidates), null);
    }
    List<T> kept = List.copyOf(candidates.subList(0, limit));
    return new Page<>(kept, PageRequest.cursorAfter(name.apply(kept.get(limit - 1))));
  }

  /**
   * The answer of a listing endpoint: the items as a JSON array (as in version 1 of the contract),
   * the next cursor in the {@code Next-Cursor} header and as an RFC 8288 {@code Link} with {@code
   * rel="next"}; neither header on the last page.
   */
  public Response toResponse(UriInfo uri) {
    return toResponse(uri.getRequestUri());
  }

  /**
   * As {@link #toResponse(UriInfo)}, for an answer built after an asynchronous read: take the
   * request's URI on the request's thread, since a {@code UriInfo} need not work off it.
   */
  public Response toResponse(URI requestUri) {
    return withNext(Response.ok(items), requestUri).build();
  }

  /**
   * Adds the {@code Next-Cursor} and {@code Link rel="next"} headers of the next page to {@code r}
   * (none on the last page), for listings whose body is not the bare array.
   */
  public Response.ResponseBuilder withNext(Response.ResponseBuilder r, URI requestUri) {
    if (nextCursor != null) {
      r.header(NEXT_CURSOR, nextCursor);
      r.link(
          UriBuilder.fromUri(requestUri).replaceQueryParam("cursor", nextCursor).build(), "next");
    }
    return r;
  }
}
