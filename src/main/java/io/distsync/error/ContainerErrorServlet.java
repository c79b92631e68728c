package io.distsync.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The web container's error page (WEB-INF/web.xml): what the container refuses before the REST
 * layer runs, such as an encoded slash in a path or an Accept header it cannot parse, still leaves
 * as the contract's {@code {"error": CODE, "message": ...}}, not as the container's HTML.
 */
@WebServlet(urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {
  static final String PATH = "/error-page";
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // Called directly rather than as an error page: there is nothing here.
    int status = attribute instanceof Integer s ? s : HttpServletResponse.SC_NOT_FOUND;
    ErrorCode code = ErrorCode.forStatus(status);
    String message =
        switch (code) {
          case NOT_FOUND -> "No such resource.";
          case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
          case INTERNAL_ERROR -> "The server could not handle the request.";
          default ->
              "The request was refused before it reached the API (HTTP "
                  + status
                  + "): check its path, its encoding and its headers.";
        };
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write("{\"error\":\"" + code.name() + "\",\"message\":\"" + message + "\"}");
  }
}
