package io.distsync.lock;

/**
 * The lock table's commands, as they are written in the Raft log: one line of space-separated
 * fields after {@code lock:} (names and owners never contain spaces: see {@link LockNames}).
 */
public sealed interface LockCommand {

  /** The text after {@code lock:}. */
  String encode();

  /**
   * Ask for a lock; wait in line up to {@code waitMs} (0: answer at once), within the caps the
   * proposing node had configured. The caps travel in the entry so that every replica decides a
   * refusal from the entry alone, as it decides everything else (see {@link LockTable}).
   *
   * @param maxWaiters the most waiters the lock's line may hold ({@code LOCK_MAX_WAITERS})
   * @param maxHeld the most locks the owner may hold or wait for ({@code LOCK_MAX_HELD_PER_OWNER})
   */
  record Acquire(
      String requestId,
      String resource,
      String owner,
      LockMode mode,
      long ttlMs,
      long waitMs,
      int maxWaiters,
      int maxHeld)
      implements LockCommand {
    /** The caps of entries written before there were any: none. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    @Override
    public String encode() {
      return String.join(
          " ",
          "acquire",
          requestId,
          resource,
          owner,
          mode.wire(),
          Long.toString(ttlMs),
          Long.toString(waitMs),
          Integer.toString(maxWaiters),
          Integer.toString(maxHeld));
    }
  }

  /** Let go of one hold; {@code token} null means any. */
  record Release(String resource, String owner, Long token) implements LockCommand {
    @Override
    public String encode() {
      return String.join(" ", "release", resource, owner, token == null ? "-" : token.toString());
    }
  }

  /** Extend a lease; {@code ttlMs} null means the holder's own lease length. */
  record Renew(String resource, String owner, Long ttlMs) implements LockCommand {
    @Override
    public String encode() {
      return String.join(" ", "renew", resource, owner, ttlMs == null ? "-" : ttlMs.toString());
    }
  }

  /** The leader saw the lease of {@code owner} (grant {@code token}) pass its deadline. */
  record Expire(String resource, String owner, long token) implements LockCommand {
    @Override
    public String encode() {
      return String.join(" ", "expire", resource, owner, Long.toString(token));
    }
  }

  /** The waiting request gave up (its wait timed out, or its node is gone). */
  record Cancel(String requestId) implements LockCommand {
    @Override
    public String encode() {
      return "cancel " + requestId;
    }
  }

  /** Parses {@link #encode()}'s text; throws {@link IllegalArgumentException} when malformed. */
  static LockCommand decode(String text) {
    String[] f = text.split(" ");
    try {
      switch (f[0]) {
        case "acquire":
          // Seven fields: an entry from before the caps, replayed as it was decided then.
          boolean capped = f.length == 9;
          check(f, capped ? 9 : 7);
          return new Acquire(
              f[1],
              f[2],
              f[3],
              LockMode.parse(f[4]),
              Long.parseLong(f[5]),
              Long.parseLong(f[6]),
              capped ? Integer.parseInt(f[7]) : Acquire.NO_LIMIT,
              capped ? Integer.parseInt(f[8]) : Acquire.NO_LIMIT);
        case "release":
          check(f, 4);
          return new Release(f[1], f[2], optional(f[3]));
        case "renew":
          check(f, 4);
          return new Renew(f[1], f[2], optional(f[3]));
        case "expire":
          check(f, 4);
          return new Expire(f[1], f[2], Long.parseLong(f[3]));
        case "cancel":
          check(f, 2);
          return new Cancel(f[1]);
        default:
          throw new IllegalArgumentException("unknown lock command: " + f[0]);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed lock command: " + text, e);
    }
  }

  private static void check(String[] fields, int n) {
    if (fields.length != n) {
      throw new IllegalArgumentException("expected " + n + " fields: " + String.join(" ", fields));
    }
  }

  private static Long optional(String field) {
    return "-".equals(field) ? null : Long.valueOf(field);
  }
}
