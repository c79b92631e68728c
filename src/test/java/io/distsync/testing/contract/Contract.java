package io.distsync.testing.contract;

import io.distsync.testing.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every answer the integration tests receive goes through {@link #check}: it is checked against the
 * OpenAPI document the answering server serves at {@code /openapi} (fetched once per server), and a
 * violation fails the call at once and is also kept, so that {@link ContractExtension} fails the
 * test even when the call ran on a worker thread that swallowed the error. A server that serves no
 * document (an Arquillian archive, a node that is down at the first call) is checked against the
 * one the build serves, {@code openapi/openapi.yaml}.
 */
public final class Contract {
  private static final Map<String, ResponseContract> BY_ORIGIN = new ConcurrentHashMap<>();
  private static final List<String> VIOLATIONS = new ArrayList<>();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .sslContext(TestPki.cluster().clientContext())
          .build();
  private static volatile ResponseContract built;

  private Contract() {}

  /** Checks one answer; throws an {@link AssertionError} naming every violation. */
  public static void check(HttpRequest request, HttpResponse<String> response) {
    check(
        new ResponseContract.Answer(
            request.method(),
            request.uri(),
            response.statusCode(),
            response.headers().map(),
            response.body() == null ? "" : response.body()));
  }

  /** Checks one answer; throws an {@link AssertionError} naming every violation. */
  public static void check(ResponseContract.Answer answer) {
    if (!ResponseContract.covers(answer.method(), answer.uri())) {
      return;
    }
    List<String> problems = forOrigin(answer.uri()).violations(answer);
    if (!problems.isEmpty()) {
      String text =
          answer.method()
              + " "
              + answer.uri()
              + " answered "
              + answer.status()
              + ", which the OpenAPI document does not allow: "
              + String.join("; ", problems)
              + "\n  body: "
              + abbreviate(answer.body());
      synchronized (VIOLATIONS) {
        VIOLATIONS.add(text);
      }
      throw new AssertionError(text);
    }
  }

  /** The violations seen since the last call, and forgets them. */
  static List<String> drain() {
    synchronized (VIOLATIONS) {
      List<String> all = List.copyOf(VIOLATIONS);
      VIOLATIONS.clear();
      return all;
    }
  }

  /** The document the build serves, {@code openapi/openapi.yaml}. */
  public static ApiDocument built() {
    try {
      String yaml = Files.readString(Path.of("openapi", "openapi.yaml"));
      return ApiDocument.parse(
          ApiDocument.JSON.writeValueAsString(YAMLMapper.builder().build().readTree(yaml)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read openapi/openapi.yaml", e);
    }
  }

  /** The document the server at {@code origin} serves, or null when it serves none. */
  public static ApiDocument served(URI origin) {
    try {
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(origin.resolve("/openapi?format=JSON"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? ApiDocument.parse(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static ResponseContract forOrigin(URI uri) {
    String origin = uri.getScheme() + "://" + uri.getRawAuthority();
    return BY_ORIGIN.computeIfAbsent(
        origin,
        o -> {
          ApiDocument served = served(URI.create(o));
          // A server that serves no document, or another one (a test archive), is held to ours.
          boolean ours =
              served != null && !served.root().at("/components/schemas/Error").isMissingNode();
          return ours ? new ResponseContract(served) : builtContract();
        });
  }

  private static ResponseContract builtContract() {
    if (built == null) {
      built = new ResponseContract(built());
    }
    return built;
  }

  private static String abbreviate(String body) {
    return body.length() > 500 ? body.substring(0, 500) + "..." : body;
  }
}
