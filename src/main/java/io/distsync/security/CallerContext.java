package io.distsync.security;

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
  private volatile String name;
  private volatile boolean audited;

  CallerContext(Caller caller, boolean secure) {
    this.caller = caller;
    this.secure = secure;
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
