package io.distsync.lock;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import io.distsync.lock.model.HolderView;
import java.util.List;

/** 409 {@code LOCK_CONFLICT}: not granted within {@code waitMs}; the body names the holders. */
public class LockConflictException extends ApiException {
  private final String resource;
  private final List<HolderView> holders;

  /** The body: the error, and who holds the lock. */
  public record Body(String error, String message, String resource, List<HolderView> holders) {}

  LockConflictException(String resource, List<HolderView> holders, String reason) {
    super(
        ErrorCode.LOCK_CONFLICT,
        reason != null
            ? "Not granted: " + reason + "."
            : "The lock " + resource + " is held in a conflicting mode.");
    this.resource = resource;
    this.holders = holders == null ? List.of() : List.copyOf(holders);
  }

  @Override
  public Object body() {
    return new Body(code(), getMessage(), resource, holders);
  }
}
