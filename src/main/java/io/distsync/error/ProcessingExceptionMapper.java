package io.distsync.error;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that cannot be read as the expected JSON is the client's fault: 400, not 500. */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
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
    return UncaughtExceptionMapper.internalError(e);
  }
}
