package io.distsync.security;

import io.distsync.cluster.ClusterSecretFilter;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Authenticates every public operation by its bearer token and checks the role its {@link Requires}
 * names: 401 {@code UNAUTHENTICATED} without a valid token, 403 {@code FORBIDDEN} without the role.
 * Node-to-node endpoints are left to {@link ClusterSecretFilter}. Refusals and administrative
 * actions are written to the {@link AuditLog}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String AUDITED = "io.distsync.security.audited";
  private static final String CONTEXT = "io.distsync.security.context";
  private static final String BEARER = "Bearer ";

  @Inject Authenticator authenticator;
  @Inject AuditLog audit;

  @Context ResourceInfo resource;
  @Context HttpServletRequest http;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(ClusterSecretFilter.NODE_TO_NODE) != null) {
      return;
    }
    Role needed = needed(resource.getResourceMethod());
    boolean secure = request.getSecurityContext().isSecure();
    if (!authenticator.on()) {
      CallerContext anyone = new CallerContext(Caller.ANYONE, secure);
      if (needed == Role.ADMIN) {
        anyone.audit();
      }
      request.setSecurityContext(anyone);
      request.setProperty(CONTEXT, anyone);
      return;
    }
    Caller caller;
    try {
      caller = authenticator.verify(token(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    } catch (TokenRejectedException e) {
      refuse(request, "authentication", null, 401, e.getMessage());
      throw AccessException.unauthenticated();
    }
    CallerContext context = new CallerContext(caller, secure);
    request.setSecurityContext(context);
    request.setProperty(CONTEXT, context);
    if (!caller.has(needed)) {
      refuse(request, "authorization", caller.subject(), 403, "needs " + needed.claim());
      throw AccessException.forbidden(
          action(request)
              + " needs the "
              + needed.claim()
              + " role; this token has "
              + Access.roleOf(context)
              + ".");
    }
    if (needed == Role.ADMIN) {
      context.audit();
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(AUDITED) != null
        || !(request.getProperty(CONTEXT) instanceof CallerContext c)) {
      return;
    }
    int status = response.getStatus();
    if (status == 403) {
      audit.write(
          "authorization",
          c.caller().subject(),
          action(request),
          c.name(),
          from(),
          "denied",
          403,
          "scope or role");
    } else if (c.audited()) {
      audit.write(
          "admin",
          c.caller().subject(),
          action(request),
          c.name() != null ? c.name() : firstPathParameter(request),
          from(),
          status < 400 ? "success" : "failure",
          status,
          null);
    }
  }

  private void refuse(
      ContainerRequestContext request, String event, String subject, int status, String reason) {
    request.setProperty(AUDITED, Boolean.TRUE);
    audit.write(
        event,
        subject,
        action(request),
        firstPathParameter(request),
        from(),
        "denied",
        status,
        reason);
  }

  /** The token of an {@code Authorization: Bearer} header, or why there is none. */
  static String token(String header) throws TokenRejectedException {
    if (header == null || header.isBlank()) {
      throw new TokenRejectedException("no token");
    }
    if (header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new TokenRejectedException("not a bearer token");
    }
    return header.substring(BEARER.length()).trim();
  }

  /** The role an operation needs: its method's {@link Requires}, else its class's, else admin. */
  static Role needed(Method method) {
    if (method == null) {
      return Role.ADMIN;
    }
    Requires r = method.getAnnotation(Requires.class);
    if (r == null) {
      r = method.getDeclaringClass().getAnnotation(Requires.class);
    }
    return r == null ? Role.ADMIN : r.value();
  }

  private static String action(ContainerRequestContext request) {
    return request.getMethod() + " /" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
  }

  private static String firstPathParameter(ContainerRequestContext request) {
    var params = request.getUriInfo().getPathParameters();
    for (var values : params.values()) {
      if (!values.isEmpty()) {
        return values.get(0);
      }
    }
    return null;
  }

  private String from() {
    try {
      return http == null ? null : http.getRemoteAddr();
    } catch (RuntimeException e) {
      return null; // outside a servlet request
    }
  }
}
