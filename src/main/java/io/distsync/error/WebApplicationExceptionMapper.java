package io.distsync.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the container's own refusals (unknown path, wrong method, unsupported media type, bad
 * parameter) the JSON error body of the contract.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    ErrorCode code = ErrorCode.forStatus(status);
    if (status >= 500) {
      return UncaughtExceptionMapper.internalError(e);
    }
    Response.ResponseBuilder builder =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorBody(code.name(), messageFor(code, e)));
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      builder.header(HttpHeaders.ALLOW, allow);
    }
    return builder.build();
  }

  private static String messageFor(ErrorCode code, WebApplicationException e) {
    return switch (code) {
      case NOT_FOUND -> "No such resource.";
      case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
      case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
      case NOT_ACCEPTABLE -> "This resource answers in application/json only.";
      case UNAUTHORIZED -> "The cluster secret is missing or wrong.";
      default -> JsonErrors.describe(e);
    };
  }
}
