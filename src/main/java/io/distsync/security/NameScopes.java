package io.distsync.security;

import java.util.List;

/**
 * The names a token may touch: lock resources, queues and cache keys share one list of patterns.
 * {@code orders/*} allows every name that starts with {@code orders/}; {@code *} allows every name;
 * any other pattern allows exactly that name. A token without a {@code scope} claim is
 * unrestricted.
 */
public record NameScopes(List<String> patterns) {
  /** Every name. */
  public static final NameScopes ALL = new NameScopes(List.of("*"));

  public NameScopes {
    patterns = List.copyOf(patterns);
  }

  /** The scopes of a {@code scope} claim: patterns separated by spaces (OAuth 2.0 style). */
  public static NameScopes parse(String claim) {
    if (claim == null || claim.isBlank()) {
      return ALL;
    }
    return new NameScopes(List.of(claim.trim().split("\\s+")));
  }

  /** True when no pattern limits the names. */
  public boolean unrestricted() {
    return patterns.contains("*");
  }

  /** True when {@code name} matches one of the patterns. */
  public boolean allows(String name) {
    for (String p : patterns) {
      if (p.equals("*") || p.equals(name)) {
        return true;
      }
      if (p.endsWith("*") && name.startsWith(p.substring(0, p.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return String.join(" ", patterns);
  }
}
