package io.distsync.error;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that cannot be read as the expected JSON is the client's fault: 400, not 500. (A more
 * specific mapper than {@link UncaughtExceptionMapper}, with the same rules.)
 */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
    return UncaughtExceptionMapper.respond(e);
  }
}
