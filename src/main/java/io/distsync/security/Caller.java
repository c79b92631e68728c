package io.distsync.security;

import java.security.Principal;
import java.time.Instant;

/**
 * Who sent a request, as its verified token says.
 *
 * @param subject the token's subject ({@code sub}, or {@code upn})
 * @param role the highest role in its {@code groups}, or null when it names none of ours
 * @param scopes the names it may touch
 * @param expiresAt when the token expires
 */
public record Caller(String subject, Role role, NameScopes scopes, Instant expiresAt)
    implements Principal {
  /** Every request when authentication is off: an administrator of every name. */
  public static final Caller ANYONE = new Caller("anonymous", Role.ADMIN, NameScopes.ALL, null);

  @Override
  public String getName() {
    return subject;
  }

  /** True when the token has the rights of {@code needed}. */
  public boolean has(Role needed) {
    return role != null && role.includes(needed);
  }
}
