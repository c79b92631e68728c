package io.distsync.cluster.raft;

import io.distsync.error.ErrorBody;
import io.distsync.error.ErrorCode;
import io.distsync.raft.MembershipChangeException;
import io.distsync.raft.RaftException;
import jakarta.ws.rs.core.MediaType;
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
    if (e instanceof MembershipChangeException) {
      return Response.status(ErrorCode.MEMBERSHIP_CHANGE_REFUSED.status())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ErrorBody(ErrorCode.MEMBERSHIP_CHANGE_REFUSED.name(), e.getMessage()))
          .build();
    }
    return Response.status(ErrorCode.NO_QUORUM.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", "1")
        .entity(new ErrorBody(ErrorCode.NO_QUORUM.name(), e.getMessage()))
        .build();
  }
}
