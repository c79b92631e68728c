package io.distsync.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Drives a {@link LockTable} the way the Raft log does (entry i has index i) and describes each
 * answer, with the events it fired, as one line: {@code "RELEASED count=0 | granted q-B-r
 * token=4"}.
 */
final class LockScript {
  static final long TTL = 10_000;

  /** One log entry: the leader's time, the command, and the expected description. */
  record Step(long time, LockCommand command, String expect) {
    @Override
    public String toString() {
      return "@" + time + " " + command.encode() + " -> " + expect;
    }
  }

  final LockTable table;
  final List<String> events = new ArrayList<>();
  long index;

  LockScript(LockTable table) {
    this.table = table;
    table.listen(
        new LockEvents() {
          @Override
          public void granted(String requestId, LockResult grant) {
            events.add("granted " + requestId + " token=" + grant.fencingToken());
          }

          @Override
          public void cancelled(String requestId, LockResult result) {
            events.add("cancelled " + requestId);
          }
        });
  }

  LockScript() {
    this(new LockTable());
  }

  String run(long time, LockCommand command) {
    events.clear();
    String answer = describe(table.apply(++index, time, command));
    return events.isEmpty() ? answer : answer + " | " + String.join(", ", events);
  }

  static String describe(LockResult r) {
    switch (r.type()) {
      case GRANTED:
        return "GRANTED "
            + r.owner()
            + " "
            + r.mode()
            + " token="
            + r.fencingToken()
            + " count="
            + r.holdCount()
            + " until="
            + r.expiresAt();
      case CONFLICT:
        return "CONFLICT holders="
            + r.holders().stream().map(h -> h.owner()).collect(Collectors.joining(","));
      case DEADLOCK:
        return "DEADLOCK " + String.join(">", r.cycle());
      case RELEASED:
        return "RELEASED count=" + r.holdCount();
      case RENEWED:
        return "RENEWED until=" + r.expiresAt();
      case LIMIT_EXCEEDED:
        // The cap's name, which the reason ends with: "... (LOCK_MAX_WAITERS)".
        return "LIMIT_EXCEEDED " + r.reason().substring(r.reason().lastIndexOf('('));
      default:
        return r.type().name();
    }
  }

  // ---- commands (ttl 10 s unless said; request ids name owner and resource) ----

  static LockCommand acq(String owner, String res, LockMode mode, long waitMs) {
    return acq(owner, res, mode, waitMs, TTL);
  }

  static LockCommand acq(String owner, String res, LockMode mode, long waitMs, long ttl) {
    return new LockCommand.Acquire(
        id(owner, res), res, owner, mode, ttl, waitMs, NO_LIMIT, NO_LIMIT);
  }

  static final int NO_LIMIT = LockCommand.Acquire.NO_LIMIT;

  /** An acquire carrying caps: at most {@code maxWaiters} in line, {@code maxHeld} per owner. */
  static LockCommand capped(
      String owner, String res, LockMode mode, long waitMs, int maxWaiters, int maxHeld) {
    return new LockCommand.Acquire(
        id(owner, res), res, owner, mode, TTL, waitMs, maxWaiters, maxHeld);
  }

  static LockCommand rel(String owner, String res) {
    return new LockCommand.Release(res, owner, null);
  }

  static LockCommand rel(String owner, String res, long token) {
    return new LockCommand.Release(res, owner, token);
  }

  static LockCommand renew(String owner, String res, long ttl) {
    return new LockCommand.Renew(res, owner, ttl);
  }

  static LockCommand expire(String owner, String res, long token) {
    return new LockCommand.Expire(res, owner, token);
  }

  static LockCommand cancel(String owner, String res) {
    return new LockCommand.Cancel(id(owner, res));
  }

  static String id(String owner, String res) {
    return "q-" + owner + "-" + res;
  }
}
