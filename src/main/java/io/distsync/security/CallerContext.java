package io.distsync.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The JAX-RS {@link SecurityContext} of an authenticated request, and its principal: its {@link
 * Caller} (shared by every request with the same token), and the name the operation turned out to
 * touch (for the audit line). It is its own principal because the container may hand resources a
 * proxy of the security context, never the context object itself.
 */
final class CallerContext implements SecurityContext, Principal {
  private final Caller caller;
  private final boolean secure;
  private final ContainerRequestContext request;
  private final HttpServletRequest http;
  private volatile String name;
  private volatile boolean audited;
  private volatile boolean denied;

  CallerContext(
      Caller caller, boolean secure, ContainerRequestContext request, HttpServletRequest http) {
    this.caller = caller;
    this.secure = secure;
    this.request = request;
    this.http = http;
  }

  /** The method and path, for an audit line (built only when one is written). */
  String action() {
    return request.getMethod() + " /" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
  }

  /** The first path parameter's value (the name of most operations), or null. */
  String firstPathParameter() {
    for (var values : request.getUriInfo().getPathParameters().values()) {
      if (!values.isEmpty()) {
        return values.get(0);
      }
    }
    return null;
  }

  /** The client's address, or null outside a servlet request. */
  String from() {
    try {
      return http == null ? null : http.getRemoteAddr();
    } catch (RuntimeException e) {
      return null;
    }
  }

  boolean denied() {
    return denied;
  }

  /** Marks the request refused (its audit line is written already). */
  void deny() {
    denied = true;
  }

  Caller caller() {
    return caller;
  }

  String name() {
    return name;
  }

  void name(String n) {
    name = n;
  }

  boolean audited() {
    return audited;
  }

  void audit() {
    audited = true;
  }

  @Override
  public Principal getUserPrincipal() {
    return this;
  }

  @Override
  public String getName() {
    return caller.subject();
  }

  @Override
  public boolean isUserInRole(String role) {
    return Role.fromClaim(role).map(caller::has).orElse(false);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return "Bearer";
  }
}
