package io.distsync.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a token may carry in its {@code groups} claim, each including the rights of the ones
 * before it: a {@code client} may do what a {@code reader} may, an {@code admin} what a {@code
 * client} may.
 */
public enum Role {
  /** The GETs of the contract: locks, queues' figures, cache values and state, cluster status. */
  READER,
  /**
   * Reader, plus the operations that use the primitives: locks, produce and consume, cache writes.
   */
  CLIENT,
  /** Client, plus membership, leadership transfer, redrive, purge, delete, the Raft log. */
  ADMIN;

  /** True when this role has every right of {@code needed}. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The name used in tokens and messages: {@code reader}, {@code client}, {@code admin}. */
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role a {@code groups} entry names, if any. */
  public static Optional<Role> fromClaim(String value) {
    for (Role r : values()) {
      if (r.claim().equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
