package io.distsync.paging;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of a listing ({@code @BeanParam}), documented once for every listing
 * endpoint. Read as text, so that a value JAX-RS cannot convert is the contract's 400.
 */
public class PageParams {
  @QueryParam("limit")
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description = "Items on the page, 1 to 1000 (default 100)",
      schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
  String limit;

  @QueryParam("cursor")
  @Parameter(
      name = "cursor",
      in = ParameterIn.QUERY,
      description =
          "The Next-Cursor (header) or nextCursor (field) of the page before; none for the first",
      schema = @Schema(type = SchemaType.STRING))
  String cursor;

  /** The page asked for; 400 {@code INVALID_REQUEST} for a bad limit or cursor. */
  public PageRequest toRequest() {
    return PageRequest.of(limit, cursor);
  }
}
