package io.distsync.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Writes the outcome of an {@link Audited} operation that ran as an admin action. */
@Provider
@Audited
public class AuditFilter implements ContainerResponseFilter {
  @Inject AuditLog audit;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(BearerAuthFilter.CONTEXT) instanceof CallerContext c
        && c.audited()
        && !c.denied()) {
      int status = response.getStatus();
      audit.write(
          "admin",
          c.caller().subject(),
          c.action(),
          c.name() != null ? c.name() : c.firstPathParameter(),
          c.from(),
          status < 400 ? "success" : "failure",
          status,
          null);
    }
  }
}
