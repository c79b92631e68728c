package io.distsync.lock;

import io.distsync.error.ApiException;
import io.distsync.lock.model.AcquireRequest;
import io.distsync.lock.model.ReleaseRequest;
import io.distsync.lock.model.RenewRequest;
import java.util.regex.Pattern;

/** Checks lock requests against the contract and fills in the defaults. */
final class LockRequests {
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private LockRequests() {}

  /**
   * The acquire command, carrying this node's caps ({@code maxWaiters}, {@code maxHeld}) so that
   * the table decides a refusal at apply time, the same on every replica.
   */
  static LockCommand.Acquire acquire(
      String requestId, AcquireRequest req, int maxWaiters, int maxHeld, int memory) {
    if (req == null) {
      throw ApiException.invalid(
          "A JSON body {resource, owner, mode?, ttlMs?, waitMs?} is needed.");
    }
    names(req.resource(), req.owner());
    LockMode mode = req.mode() == null ? LockMode.EXCLUSIVE : LockMode.parse(req.mode());
    if (mode == null) {
      throw ApiException.invalid("mode must be \"exclusive\" or \"shared\".");
    }
    long ttl = ttl(req.ttlMs());
    long wait = req.waitMs() == null ? 0 : req.waitMs();
    if (wait < 0 || wait > LockSettings.MAX_WAIT_MS) {
      throw ApiException.invalid("waitMs must be between 0 and " + LockSettings.MAX_WAIT_MS + ".");
    }
    return new LockCommand.Acquire(
        requestId,
        req.resource(),
        req.owner(),
        mode,
        ttl,
        wait,
        maxWaiters,
        maxHeld,
        client(req.requestId(), memory));
  }

  static LockCommand.Release release(ReleaseRequest req, int memory) {
    if (req == null) {
      throw ApiException.invalid("A JSON body {resource, owner, fencingToken?} is needed.");
    }
    names(req.resource(), req.owner());
    if (req.fencingToken() != null && req.fencingToken() < 1) {
      throw ApiException.invalid("fencingToken must be positive.");
    }
    return new LockCommand.Release(
        req.resource(), req.owner(), req.fencingToken(), client(req.requestId(), memory));
  }

  static LockCommand.Renew renew(RenewRequest req, int memory) {
    if (req == null) {
      throw ApiException.invalid("A JSON body {resource, owner, ttlMs?} is needed.");
    }
    names(req.resource(), req.owner());
    return new LockCommand.Renew(
        req.resource(),
        req.owner(),
        req.ttlMs() == null ? null : ttl(req.ttlMs()),
        client(req.requestId(), memory));
  }

  /** A client's request id: absent, or 1 to 64 characters of {@code [A-Za-z0-9._:-]}. */
  private static LockCommand.ClientRequest client(String requestId, int memory) {
    if (requestId == null) {
      return null;
    }
    if (!REQUEST_ID.matcher(requestId).matches()) {
      throw ApiException.invalid("requestId must be 1 to 64 characters of [A-Za-z0-9._:-].");
    }
    return new LockCommand.ClientRequest(requestId, memory);
  }

  static void resource(String resource) {
    if (!LockNames.valid(resource)) {
      throw ApiException.invalid("resource must be 1 to 256 characters of [A-Za-z0-9._:/-].");
    }
  }

  private static void names(String resource, String owner) {
    resource(resource);
    if (!LockNames.valid(owner)) {
      throw ApiException.invalid("owner must be 1 to 256 characters of [A-Za-z0-9._:/-].");
    }
  }

  private static long ttl(Long ttlMs) {
    long ttl = ttlMs == null ? LockSettings.DEFAULT_TTL_MS : ttlMs;
    if (ttl < LockSettings.MIN_TTL_MS || ttl > LockSettings.MAX_TTL_MS) {
      throw ApiException.invalid(
          "ttlMs must be between "
              + LockSettings.MIN_TTL_MS
              + " and "
              + LockSettings.MAX_TTL_MS
              + ".");
    }
    return ttl;
  }
}
