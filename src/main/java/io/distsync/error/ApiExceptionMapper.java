package io.distsync.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers an {@link ApiException} with its status, headers and JSON body. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

  @Override
  public Response toResponse(ApiException e) {
    return toResponse(e, e.body());
  }

  static Response toResponse(ApiException e, Object body) {
    Response.ResponseBuilder builder =
        Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    e.headers().forEach(builder::header);
    return builder.build();
  }
}
