package io.distsync.lock;

import java.util.Locale;

/** How a lock is held: many {@code SHARED} holders, or one {@code EXCLUSIVE} holder. */
public enum LockMode {
  SHARED,
  EXCLUSIVE;

  /** Two holders of different owners can hold the lock together only if both are shared. */
  boolean compatibleWith(LockMode other) {
    return this == SHARED && other == SHARED;
  }

  /** The contract's spelling: {@code shared} or {@code exclusive}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the contract's spelling; null for anything else. */
  public static LockMode parse(String text) {
    if ("shared".equals(text)) {
      return SHARED;
    }
    if ("exclusive".equals(text)) {
      return EXCLUSIVE;
    }
    return null;
  }
}
