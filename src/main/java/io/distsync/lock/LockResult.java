package io.distsync.lock;

import io.distsync.lock.model.HolderView;
import java.util.List;

/**
 * The answer of the lock table to one command, flat so that it travels as JSON from the leader to
 * the node that proposed it. Which fields are set depends on {@link #type}.
 */
public record LockResult(
    Type type,
    String resource,
    String owner,
    String mode,
    long fencingToken,
    long expiresAt,
    int holdCount,
    String requestId,
    List<HolderView> holders,
    List<String> cycle,
    String reason) {

  /** What happened. */
  public enum Type {
    GRANTED,
    QUEUED,
    CONFLICT,
    DEADLOCK,
    RELEASED,
    RENEWED,
    NOT_HELD,
    STALE_TOKEN,
    EXPIRED,
    CANCELLED,
    /** A cap of the entry (waiters per lock, locks per owner) refused it. */
    LIMIT_EXCEEDED,
    /** A client's request id came again with another request (kind or lock). */
    REQUEST_ID_REUSED,
    IGNORED
  }

  static LockResult granted(String resource, Holder h) {
    return new LockResult(
        Type.GRANTED,
        resource,
        h.owner,
        h.mode.wire(),
        h.token,
        h.expiresAt,
        h.holdCount,
        null,
        null,
        null,
        null);
  }

  static LockResult of(Type type, String resource, String reason) {
    return new LockResult(type, resource, null, null, 0, 0, 0, null, null, null, reason);
  }

  static LockResult queued(String resource, String requestId) {
    return new LockResult(Type.QUEUED, resource, null, null, 0, 0, 0, requestId, null, null, null);
  }

  static LockResult conflict(String resource, List<HolderView> holders, String reason) {
    return new LockResult(
        Type.CONFLICT, resource, null, null, 0, 0, 0, null, holders, null, reason);
  }

  static LockResult limitExceeded(String resource, String reason) {
    return new LockResult(
        Type.LIMIT_EXCEEDED, resource, null, null, 0, 0, 0, null, null, null, reason);
  }

  static LockResult deadlock(String resource, List<String> cycle) {
    return new LockResult(Type.DEADLOCK, resource, null, null, 0, 0, 0, null, null, cycle, null);
  }

  static LockResult released(String resource, int holdCount) {
    return new LockResult(
        Type.RELEASED, resource, null, null, 0, 0, holdCount, null, null, null, null);
  }

  static LockResult renewed(String resource, long expiresAt) {
    return new LockResult(
        Type.RENEWED, resource, null, null, 0, expiresAt, 0, null, null, null, null);
  }
}
