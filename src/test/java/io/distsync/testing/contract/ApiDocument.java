package io.distsync.testing.contract;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAPI 3.1 document ready to check answers against: its operations, matched by method and
 * path, and a compiled JSON Schema for any schema in it (by JSON pointer, so {@code $ref}s resolve
 * within the document).
 *
 * <p>The schemas are compiled closed: every object schema with {@code properties} and no word of
 * its own on extra members gets {@code unevaluatedProperties: false}, so a member the server sends
 * but the document does not name is a violation, not a silent drift. Thread-safe.
 */
public final class ApiDocument {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BASE = "https://distsync.invalid/openapi.json";

  private final JsonNode root;
  private final List<Operation> operations;
  private final SchemaRegistry registry;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /** One operation of the document: its method, path template and the pattern that matches it. */
  public record Operation(String method, String template, Pattern pattern, JsonNode node) {
    /** Literal characters of the template: the more, the more specific the match. */
    int literalLength() {
      return template.replaceAll("\\{[^}]+}", "").length();
    }
  }

  private ApiDocument(JsonNode root) {
    this.root = root;
    JsonNode closed = root.deepCopy();
    close(closed);
    String text = JSON.writeValueAsString(closed);
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(), b -> b.schemas(Map.of(BASE, text)));
    this.operations = operations(root);
  }

  /** Parses a document given as JSON text. */
  public static ApiDocument parse(String json) {
    return new ApiDocument(JSON.readTree(json));
  }

  public JsonNode root() {
    return root;
  }

  public List<Operation> operations() {
    return operations;
  }

  /** The operation a request with this method and path runs, the most specific first. */
  public Optional<Operation> find(String method, String path) {
    return operations.stream()
        .filter(o -> o.method().equalsIgnoreCase(method) && o.pattern().matcher(path).matches())
        .max(Comparator.comparingInt(Operation::literalLength));
  }

  /** Whether any operation has this path, whatever its method. */
  public boolean hasPath(String path) {
    return operations.stream().anyMatch(o -> o.pattern().matcher(path).matches());
  }

  /** The node at a JSON pointer, following a {@code $ref} to the components if it is one. */
  public JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref != null && ref.isString() && ref.stringValue().startsWith("#/")) {
      return resolve(root.at(ref.stringValue().substring(1)));
    }
    return node;
  }

  /** The compiled schema at a JSON pointer into the document ({@code /components/schemas/X}). */
  public Schema schema(String pointer) {
    return compiled.computeIfAbsent(
        pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
  }

  /** A JSON pointer segment: {@code ~} and {@code /} escaped (RFC 6901). */
  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static List<Operation> operations(JsonNode root) {
    List<Operation> ops = new ArrayList<>();
    for (var path : root.path("paths").properties()) {
      for (var op : path.getValue().properties()) {
        String method = op.getKey();
        if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
          ops.add(
              new Operation(
                  method.toUpperCase(java.util.Locale.ROOT),
                  path.getKey(),
                  pattern(path.getKey()),
                  op.getValue()));
        }
      }
    }
    return List.copyOf(ops);
  }

  /** {@code /queues/{queue}/ack} as a pattern; a parameter is one or more characters. */
  private static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=})")) {
      regex.append(part.startsWith("{") ? "(.+)" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /** Adds {@code unevaluatedProperties: false} to every object schema that says nothing on it. */
  private static void close(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties")
          && object.path("properties").isObject()
          && !object.has("additionalProperties")
          && !object.has("unevaluatedProperties")
          && !object.has("allOf")) {
        object.put("unevaluatedProperties", false);
      }
      for (var child : object.properties()) {
        if (!child.getKey().equals("examples") && !child.getKey().equals("example")) {
          close(child.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(ApiDocument::close);
    }
  }
}
