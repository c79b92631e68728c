package io.distsync.cluster.raft;

import io.distsync.error.ApiException;
import io.distsync.error.ApiExceptionMapper;
import io.distsync.error.ErrorCode;
import io.distsync.raft.MembershipChangeException;
import io.distsync.raft.RaftException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The engine's typed failures as contract errors: a refused membership change is 409 {@code
 * MEMBERSHIP_CHANGE_REFUSED}; everything else (not the leader, leadership lost, timeout, shutting
 * down) is 503 {@code NO_QUORUM} with {@code Retry-After}.
 */
@Provider
public class RaftExceptionMapper implements ExceptionMapper<RaftException> {

  @Override
  public Response toResponse(RaftException e) {
    ErrorCode code =
        e instanceof MembershipChangeException
            ? ErrorCode.MEMBERSHIP_CHANGE_REFUSED
            : ErrorCode.NO_QUORUM;
    return new ApiExceptionMapper().toResponse(new ApiException(code, e.getMessage()));
  }
}
