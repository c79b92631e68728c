package io.distsync.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * A request URI that is not valid percent-encoding (RFC 3986 §2.1), such as a query with {@code
 * %zz}, is 400 {@code INVALID_REQUEST} before the request is matched: the REST layer would
 * otherwise fail to build the URI while matching and answer 500.
 */
@Provider
@PreMatching
public class MalformedUriFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      request.getUriInfo().getRequestUri();
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          "The request URI is not valid percent-encoding: every % must start an escape such as %2F.");
    }
  }
}
