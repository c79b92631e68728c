package io.distsync.paging;

import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of a listing ({@code @BeanParam}), documented once for every listing
 * endpoint. Read as text, so that a value JAX-RS cannot convert is the contract's 400.
 */
public class PageParams {
  @QueryParam("limit")
  String limit;

  @QueryParam("cursor")
  String cursor;

  /** The page asked for; 400 {@code INVALID_REQUEST} for a bad limit or cursor. */
  public PageRequest toRequest() {
    return PageRequest.of(limit, cursor);
  }
}
