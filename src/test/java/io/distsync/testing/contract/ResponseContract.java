package io.distsync.testing.contract;

import com.networknt.schema.InputFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks one answer against the OpenAPI document: the operation the request ran must declare the
 * status; the body must be of a declared media type and valid against its schema; headers the
 * response marks required must be there and valid. An answer to a request that runs no documented
 * operation (an unknown path, a method a path does not take) must still be the contract's error
 * body when it is an error. The platform's own endpoints ({@code /health}, {@code /metrics}, {@code
 * /openapi}) and the members' {@code /internal} ones are not part of the document and are skipped.
 */
public final class ResponseContract {
  private static final List<String> OUTSIDE =
      List.of("/health", "/metrics", "/openapi", "/internal");

  private final ApiDocument document;

  public ResponseContract(ApiDocument document) {
    this.document = document;
  }

  /** An answer as the checker sees it; {@code headers} are matched ignoring case. */
  public record Answer(
      String method, URI uri, int status, Map<String, List<String>> headers, String body) {
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
          .map(e -> e.getValue().get(0))
          .findFirst();
    }
  }

  /** Whether answers to this request are the document's business at all. */
  public static boolean covers(String method, URI uri) {
    String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
    if (method.equals("HEAD") || method.equals("OPTIONS")) {
      return false;
    }
    return OUTSIDE.stream().noneMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }

  /** What is wrong with the answer; empty when the document allows it. */
  public List<String> violations(Answer a) {
    if (!covers(a.method(), a.uri())) {
      return List.of();
    }
    String path = a.uri().getRawPath();
    var op = document.find(a.method(), path);
    if (op.isEmpty()) {
      if (a.status() >= 400) {
        return body(a, "/components/schemas/Error", "no operation");
      }
      return List.of("status " + a.status() + " for an operation the document does not have");
    }
    String at =
        "/paths/"
            + ApiDocument.escape(op.get().template())
            + "/"
            + a.method().toLowerCase(Locale.ROOT);
    JsonNode responses = op.get().node().path("responses");
    String code = String.valueOf(a.status());
    String key =
        responses.has(code)
            ? code
            : responses.has(code.charAt(0) + "XX")
                ? code.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
    if (key == null) {
      return List.of(
          "status " + a.status() + " is not declared; it declares " + responses.propertyNames());
    }
    String responsePointer = at + "/responses/" + key;
    JsonNode response = document.resolve(responses.get(key));
    if (responses.get(key).has("$ref")) {
      responsePointer = responses.get(key).get("$ref").stringValue().substring(1);
    }
    List<String> problems = new ArrayList<>(headers(a, response));
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (!a.body().isEmpty()) {
        problems.add("a body where the document declares none");
      }
      return problems;
    }
    String type = a.header("Content-Type").orElse("").split(";")[0].trim();
    if (!content.has(type)) {
      problems.add("Content-Type '" + type + "' is not one of " + content.propertyNames());
      return problems;
    }
    // A server-sent event stream never ends, so it has no whole body to validate: its status, type
    // and headers are checked here, its events by the tests that read them.
    if (content.get(type).has("schema") && !type.equals("text/event-stream")) {
      String schema = responsePointer + "/content/" + ApiDocument.escape(type) + "/schema";
      problems.addAll(body(a, schema, key));
    }
    return problems;
  }

  private List<String> body(Answer a, String schemaPointer, String what) {
    if (a.body().isBlank()) {
      return List.of("an empty body where " + what + " needs " + schemaPointer);
    }
    try {
      return document.schema(schemaPointer).validate(a.body(), InputFormat.JSON).stream()
          .map(e -> "body " + e.getInstanceLocation() + ": " + e.getMessage())
          .toList();
    } catch (RuntimeException e) {
      return List.of("the body is not JSON (" + e.getMessage() + ")");
    }
  }

  private List<String> headers(Answer a, JsonNode response) {
    List<String> problems = new ArrayList<>();
    for (var h : response.path("headers").properties()) {
      JsonNode header = document.resolve(h.getValue());
      Optional<String> value = a.header(h.getKey());
      if (value.isEmpty()) {
        if (header.path("required").asBoolean(false)) {
          problems.add("the required header " + h.getKey() + " is missing");
        }
        continue;
      }
      String type = document.resolve(header.path("schema")).path("type").asString("");
      if (type.equals("integer") && !value.get().matches("-?\\d+")) {
        problems.add("header " + h.getKey() + " is '" + value.get() + "', not an integer");
      }
    }
    return problems;
  }
}
