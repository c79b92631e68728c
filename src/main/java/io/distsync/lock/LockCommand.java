package io.distsync.lock;

/**
 * The lock table's commands, as they are written in the Raft log: one line of space-separated
 * fields after {@code lock:} (names and owners never contain spaces: see {@link LockNames}).
 */
public sealed interface LockCommand {

  /** The text after {@code lock:}. */
  String encode();

  /**
   * A client's own id for one acquire, release or renew, so that a retry of it gets the first
   * answer again (see {@link RecentRequests}). {@code memory} is the most answers the table keeps
   * ({@code LOCK_REQUEST_MEMORY} of the proposing node): like the caps, it travels in the entry so
   * that every replica forgets the same answers at the same entry.
   */
  record ClientRequest(String id, int memory) {
    /** The command's text, followed by the id and memory when there is a client request. */
    static String after(String command, ClientRequest c) {
      return c == null ? command : command + " " + c.id + " " + c.memory;
    }

    static ClientRequest decode(String id, String memory) {
      return "-".equals(id) ? null : new ClientRequest(id, Integer.parseInt(memory));
    }
  }

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
      int maxHeld,
      ClientRequest client)
      implements LockCommand {
    /** The caps of entries written before there were any: none. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    /** An acquire without a client's request id. */
    public Acquire(
        String requestId,
        String resource,
        String owner,
        LockMode mode,
        long ttlMs,
        long waitMs,
        int maxWaiters,
        int maxHeld) {
      this(requestId, resource, owner, mode, ttlMs, waitMs, maxWaiters, maxHeld, null);
    }

    @Override
    public String encode() {
      return ClientRequest.after(
          String.join(
              " ",
              "acquire",
              requestId,
              resource,
              owner,
              mode.wire(),
              Long.toString(ttlMs),
              Long.toString(waitMs),
              Integer.toString(maxWaiters),
              Integer.toString(maxHeld)),
          client);
    }
  }

  /** Let go of one hold; {@code token} null means any. */
  record Release(String resource, String owner, Long token, ClientRequest client)
      implements LockCommand {
    public Release(String resource, String owner, Long token) {
      this(resource, owner, token, null);
    }

    @Override
    public String encode() {
      return ClientRequest.after(
          String.join(" ", "release", resource, owner, token == null ? "-" : token.toString()),
          client);
    }
  }

  /** Extend a lease; {@code ttlMs} null means the holder's own lease length. */
  record Renew(String resource, String owner, Long ttlMs, ClientRequest client)
      implements LockCommand {
    public Renew(String resource, String owner, Long ttlMs) {
      this(resource, owner, ttlMs, null);
    }

    @Override
    public String encode() {
      return ClientRequest.after(
          String.join(" ", "renew", resource, owner, ttlMs == null ? "-" : ttlMs.toString()),
          client);
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
          // Seven fields: an entry from before the caps, nine from before client request ids;
          // both are replayed as they were decided then.
          boolean capped = f.length >= 9;
          check(f, f.length == 11 ? 11 : capped ? 9 : 7);
          return new Acquire(
              f[1],
              f[2],
              f[3],
              LockMode.parse(f[4]),
              Long.parseLong(f[5]),
              Long.parseLong(f[6]),
              capped ? Integer.parseInt(f[7]) : Acquire.NO_LIMIT,
              capped ? Integer.parseInt(f[8]) : Acquire.NO_LIMIT,
              f.length == 11 ? ClientRequest.decode(f[9], f[10]) : null);
        case "release":
          check(f, f.length == 6 ? 6 : 4);
          return new Release(f[1], f[2], optional(f[3]), client(f));
        case "renew":
          check(f, f.length == 6 ? 6 : 4);
          return new Renew(f[1], f[2], optional(f[3]), client(f));
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

  private static ClientRequest client(String[] f) {
    return f.length == 6 ? ClientRequest.decode(f[4], f[5]) : null;
  }

  private static Long optional(String field) {
    return "-".equals(field) ? null : Long.valueOf(field);
  }
}
