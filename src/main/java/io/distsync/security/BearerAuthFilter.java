package io.distsync.security;

import io.distsync.cluster.ClusterSecretFilter;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Authenticates every public operation by its bearer token and checks the role its {@link Requires}
 * names: 401 {@code UNAUTHENTICATED} without a valid token, 403 {@code FORBIDDEN} without the role.
 * Node-to-node endpoints are left to {@link ClusterSecretFilter}. Refusals go to the {@link
 * AuditLog} here; the outcome of admin operations goes there from {@link AuditFilter}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {
  /** The request property that holds the request's {@link CallerContext}. */
  static final String CONTEXT = "io.distsync.security.context";

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
      CallerContext anyone = new CallerContext(Caller.ANYONE, secure, request, http);
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
      CallerContext nobody = new CallerContext(Caller.ANYONE, secure, request, http);
      audit.write(
          "authentication",
          null,
          nobody.action(),
          nobody.firstPathParameter(),
          nobody.from(),
          "denied",
          401,
          e.getMessage());
      throw AccessException.unauthenticated();
    }
    CallerContext context = new CallerContext(caller, secure, request, http);
    request.setSecurityContext(context);
    request.setProperty(CONTEXT, context);
    if (!caller.has(needed)) {
      context.deny();
      audit.write(
          "authorization",
          caller.subject(),
          context.action(),
          context.firstPathParameter(),
          context.from(),
          "denied",
          403,
          "needs " + needed.claim());
      throw AccessException.forbidden(
          context.action()
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
}
