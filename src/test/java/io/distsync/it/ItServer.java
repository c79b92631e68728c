package io.distsync.it;

/** Where the build's integration-test server listens. */
final class ItServer {
  private ItServer() {}

  static String url(String path) {
    String port = System.getProperty("microshed_http_port", "9085");
    return "http://localhost:" + port + path;
  }
}
