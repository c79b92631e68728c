package io.distsync.fuzz;

/**
 * The one answer the application cannot shape: Liberty's web container refuses a request URI it
 * cannot decode (an encoded NUL, a lone or bad {@code %} escape, an encoded CR or LF) with 400 and
 * its own body, CWWWC0005I as HTML or as {@code {"error_message": ...}}, before any web application
 * is chosen, so no error page, filter or mapper of ours runs. The contract documents it as the
 * exception; tests recognise it by this shape and nothing wider.
 */
final class RefusedByContainer {
  private RefusedByContainer() {}

  static boolean is(int status, String body) {
    return status == 400 && body.contains("CWWWC0005I: The request URI has invalid or improperly");
  }
}
