package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in node for unit tests of the client: plain HTTP on a free loopback port, answering each
 * request with what {@code answer} says, and keeping every request it got.
 */
final class FakeNode implements AutoCloseable {
  /** What the node answers: status, body, and an optional Retry-After (seconds). */
  record Answer(int status, String body, String retryAfter) {
    static Answer of(int status, String body) {
      return new Answer(status, body, null);
    }
  }

  /** A request as the node got it. */
  record Request(String method, String path, JsonNode body, String authorization) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeNode(Function<Request, Answer> answer) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> serve(ex, answer));
    server.start();
  }

  private void serve(HttpExchange ex, Function<Request, Answer> answer) throws IOException {
    String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request r =
        new Request(
            ex.getRequestMethod(),
            ex.getRequestURI().toString(),
            text.isEmpty() ? MAPPER.missingNode() : MAPPER.readTree(text),
            ex.getRequestHeaders().getFirst("Authorization"));
    requests.add(r);
    Answer a = answer.apply(r);
    byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    if (a.retryAfter() != null) {
      ex.getResponseHeaders().add("Retry-After", a.retryAfter());
    }
    ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      ex.getResponseBody().write(out);
    }
    ex.close();
  }

  String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
