package io.distsync.error;

import io.distsync.cluster.NodeLog;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;

/**
 * The last line of defence: logs the failure with the node id and an incident id, and answers 500
 * with that id instead of a stack trace. JSON the body could not be read as is still a 400.
 */
@Provider
public class UncaughtExceptionMapper implements ExceptionMapper<Throwable> {
  private static final NodeLog LOG = NodeLog.of(UncaughtExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    return respond(e);
  }

  /** A contract error found in the cause chain, a 400 for unreadable JSON, else a logged 500. */
  static Response respond(Throwable e) {
    ApiException api = JsonErrors.apiCause(e);
    if (api != null) {
      return ApiExceptionMapper.toResponse(api, api.body());
    }
    if (JsonErrors.isJsonProblem(e)) {
      return Response.status(400)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ErrorBody(ErrorCode.INVALID_REQUEST.name(), JsonErrors.describe(e)))
          .build();
    }
    return internalError(e);
  }

  static Response internalError(Throwable e) {
    String incident = UUID.randomUUID().toString();
    LOG.error(e, "unhandled failure, incident " + incident + ": " + e);
    return Response.status(500)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            new ErrorBody(
                ErrorCode.INTERNAL_ERROR.name(),
                "Internal error; the server log has the details under incident " + incident + "."))
        .build();
  }
}
