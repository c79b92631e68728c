package io.distsync.security;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The checks an operation makes once it knows which name it touches (a lock resource, a queue, a
 * cache key), beyond the role its {@link Requires} already checked.
 */
public final class Access {
  private Access() {}

  /** 403 unless the caller's token may touch {@code name}. */
  public static void name(SecurityContext context, String name) {
    if (context.getUserPrincipal() instanceof CallerContext c) {
      c.name(name);
      if (!c.caller().scopes().allows(name)) {
        throw denied(c, "scope", "This token's scopes do not include \"" + name + "\".");
      }
    }
  }

  /**
   * 403 unless the caller's token may touch every name: listings show names of every scope, so a
   * token limited to some names cannot read them.
   */
  public static void everyName(SecurityContext context) {
    if (context.getUserPrincipal() instanceof CallerContext c
        && !c.caller().scopes().unrestricted()) {
      throw denied(
          c,
          "scope",
          "Listing every name needs a token without name scopes; this one has \""
              + c.caller().scopes()
              + "\".");
    }
  }

  /**
   * 403 unless the caller has {@code role} for {@code what} (an operation whose role depends on its
   * body, such as invalidating every cache key); the call is then written to the audit log.
   */
  public static void role(SecurityContext context, Role role, String what) {
    if (context.getUserPrincipal() instanceof CallerContext c) {
      if (!c.caller().has(role)) {
        throw denied(
            c,
            "needs " + role.claim(),
            what + " needs the " + role.claim() + " role; this token has " + roleOf(c) + ".");
      }
      if (role == Role.ADMIN) {
        c.audit();
      }
    }
  }

  /** Writes the refusal to the audit log (refusals are rare: the lookup is not on the hot path). */
  private static AccessException denied(CallerContext c, String reason, String message) {
    c.deny();
    CDI.current()
        .select(AuditLog.class)
        .get()
        .write(
            "authorization",
            c.caller().subject(),
            c.action(),
            c.name(),
            c.from(),
            "denied",
            403,
            reason);
    return AccessException.forbidden(message);
  }

  static String roleOf(CallerContext c) {
    return c.caller().role() == null
        ? "no role of ours"
        : "the " + c.caller().role().claim() + " role";
  }
}
