package io.distsync.lock;

import java.util.HashMap;
import java.util.Map;

/**
 * The lock table's index of owners: how many locks each one holds or waits in line for. It is what
 * {@code LOCK_MAX_HELD_PER_OWNER} is checked against, without walking the table. An owner has an
 * entry only while it holds or waits for a lock, so the index never outgrows the holders and
 * waiters that exist. Maintained on apply, on the Raft executor, like the table.
 *
 * <p>A waiter counts as a claim because it becomes a hold when the line reaches it, without a
 * second check: counting it when it joins the line is what keeps the cap exact.
 */
final class OwnerClaims {
  private final Map<String, Integer> claims = new HashMap<>();

  /** Locks {@code owner} holds or waits for. */
  int of(String owner) {
    return claims.getOrDefault(owner, 0);
  }

  /** Call before {@code owner} becomes a holder or waiter of {@code r}. */
  void joining(ResourceLock r, String owner) {
    if (!r.involves(owner)) {
      claims.merge(owner, 1, Integer::sum);
    }
  }

  /** Call after {@code owner} stopped being a holder or waiter of {@code r}. */
  void left(ResourceLock r, String owner) {
    if (!r.involves(owner)) {
      claims.computeIfPresent(owner, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  /** Owners with at least one claim. */
  int owners() {
    return claims.size();
  }

  void clear() {
    claims.clear();
  }
}
