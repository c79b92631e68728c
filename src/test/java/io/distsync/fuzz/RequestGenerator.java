package io.distsync.fuzz;

import io.distsync.testing.contract.ApiDocument;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests for every operation of the OpenAPI document: first a valid one, built from the
 * operation's parameters and its body's schema, then made hostile by a few {@link Mutation}s. Names
 * come from a small pool of their own, so that no generated request touches anything else.
 */
final class RequestGenerator {
  static final List<String> NAMES = List.of("fz-a", "fz-b", "fz/c-1", "fz.d:e");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Writes every non-ASCII character as a \\u escape: lone surrogates reach the server as such. */
  private static final JsonMapper ESCAPING =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

  private final ApiDocument doc;

  RequestGenerator(ApiDocument doc) {
    this.doc = doc;
  }

  /** What is sent, and how it was made (for the report of a failure). */
  record FuzzCase(
      String method,
      String target,
      List<String[]> headers,
      byte[] body,
      String operation,
      List<String> mutations) {
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      s.append(method).append(' ').append(target).append("  (").append(operation);
      s.append(", mutations ").append(mutations).append(")\n");
      headers.forEach(h -> s.append("  ").append(h[0]).append(": ").append(h[1]).append('\n'));
      if (body != null) {
        String text = new String(body, StandardCharsets.UTF_8);
        s.append("  body (").append(body.length).append(" bytes): ");
        s.append(text.length() > 600 ? text.substring(0, 600) + "..." : text);
      }
      return s.toString();
    }
  }

  /** A mutable request on its way to becoming a {@link FuzzCase}. */
  static final class Draft {
    String method;
    final ApiDocument.Operation op;
    final List<String> segments = new ArrayList<>(); // the path, param values still raw
    final List<String> query = new ArrayList<>();
    final List<String[]> headers = new ArrayList<>();
    JsonNode schema; // the body's schema, resolved; null without a body
    ObjectNode tree;
    String text; // set once the tree is serialized
    byte[] raw; // set when bytes were edited
    final List<String> mutations = new ArrayList<>();
    boolean escapeNonAscii;

    Draft(ApiDocument.Operation op) {
      this.op = op;
      this.method = op.method();
    }

    void header(String name, String value) {
      headers.removeIf(h -> h[0].equalsIgnoreCase(name));
      if (value != null) {
        headers.add(new String[] {name, value});
      }
    }

    String text() {
      if (text == null && tree != null) {
        text = (escapeNonAscii ? ESCAPING : JSON).writeValueAsString(tree);
      }
      return text;
    }

    byte[] bytes() {
      if (raw != null) {
        return raw;
      }
      String t = text();
      return t == null ? null : t.getBytes(StandardCharsets.UTF_8);
    }
  }

  FuzzCase next(Random random) {
    List<ApiDocument.Operation> ops = doc.operations();
    Draft d = valid(ops.get(random.nextInt(ops.size())), random);
    int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      Mutation m = Mutation.pick(d, random);
      if (m != null) {
        m.apply(d, random);
        d.mutations.add(m.name());
      }
    }
    StringBuilder target = new StringBuilder();
    d.segments.forEach(s -> target.append('/').append(s));
    if (!d.query.isEmpty()) {
      target.append('?').append(String.join("&", d.query));
    }
    return new FuzzCase(
        d.method,
        target.toString(),
        List.copyOf(d.headers),
        d.bytes(),
        d.op.method() + " " + d.op.template(),
        List.copyOf(d.mutations));
  }

  /** A request the document allows: valid names, parameters and body. */
  private Draft valid(ApiDocument.Operation op, Random random) {
    Draft d = new Draft(op);
    d.escapeNonAscii = random.nextBoolean();
    Matcher m = PARAM.matcher("");
    for (String segment : op.template().substring(1).split("/")) {
      m.reset(segment);
      d.segments.add(m.matches() ? value(m.group(1), random) : segment);
    }
    for (JsonNode p : op.node().path("parameters")) {
      JsonNode param = doc.resolve(p);
      if (param.path("in").asString("").equals("query") && random.nextBoolean()) {
        d.query.add(param.path("name").asString() + "=" + queryValue(param, random));
      }
    }
    d.header("Accept", "application/json");
    JsonNode body = op.node().path("requestBody");
    if (!body.isMissingNode()) {
      d.schema =
          doc.resolve(doc.resolve(body).path("content").path("application/json").path("schema"));
      d.tree = (ObjectNode) instance(d.schema, random, 0);
      d.header("Content-Type", "application/json");
    }
    return d;
  }

  private static String value(String param, Random random) {
    return switch (param) {
      case "id" -> "fz-node";
      default -> NAMES.get(random.nextInt(NAMES.size()));
    };
  }

  private String queryValue(JsonNode param, Random random) {
    JsonNode schema = param.path("schema");
    if (schema.path("type").asString("").equals("integer")) {
      return String.valueOf(schema.path("minimum").asLong(1));
    }
    return param.path("name").asString().equals("queue") ? "fz-a" : "";
  }

  /** A valid value of a schema; strings that are names come from the pool. */
  JsonNode instance(JsonNode schema, Random random, int depth) {
    JsonNode s = doc.resolve(schema);
    if (s.has("oneOf")) {
      JsonNode choices = s.path("oneOf");
      return instance(choices.get(random.nextInt(choices.size())), random, depth);
    }
    if (s.has("enum")) {
      JsonNode values = s.path("enum");
      return values.get(random.nextInt(values.size()));
    }
    String type =
        s.path("type").isArray() ? s.path("type").get(0).asString() : s.path("type").asString("");
    switch (type) {
      case "object" -> {
        ObjectNode o = NODES.objectNode();
        for (var p : s.path("properties").properties()) {
          boolean required = false;
          for (JsonNode r : s.path("required")) {
            required |= r.asString().equals(p.getKey());
          }
          if (required || random.nextBoolean()) {
            o.set(p.getKey(), instance(p.getValue(), random, depth + 1));
          }
        }
        return o;
      }
      case "array" -> {
        ArrayNode a = NODES.arrayNode();
        int n = Math.max(1, s.path("minItems").asInt(1));
        for (int i = 0; i < n; i++) {
          a.add(instance(s.path("items"), random, depth + 1));
        }
        return a;
      }
      case "integer" -> {
        return NODES.numberNode(s.path("minimum").asLong(s.path("default").asLong(0)));
      }
      case "number" -> {
        return NODES.numberNode(0.5);
      }
      case "boolean" -> {
        return NODES.booleanNode(random.nextBoolean());
      }
      case "string" -> {
        if (s.path("format").asString("").equals("uri")) {
          // A wildcard address: refused at once, so no generated request adds a member.
          return NODES.stringNode("http://0.0.0.0:1");
        }
        if (s.has("pattern") && s.path("pattern").asString().contains("{1,64}")) {
          return NODES.stringNode("fz-node");
        }
        if (s.has("pattern")) {
          return NODES.stringNode(NAMES.get(random.nextInt(NAMES.size())));
        }
        return NODES.stringNode("fz-" + random.nextInt(1000));
      }
      default -> {
        // Any JSON value (a payload, a cache value): a small object.
        ObjectNode any = NODES.objectNode();
        any.put("n", random.nextInt(100));
        any.put("s", "fz é 😀");
        return any;
      }
    }
  }

  /** Bytes of a string with raw bytes spliced in after its first quote of a value. */
  static byte[] splice(byte[] body, byte[] insert) {
    String text = new String(body, StandardCharsets.UTF_8);
    int at = text.indexOf(":\"");
    if (at < 0) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(body);
      out.writeBytes(insert);
      return out.toByteArray();
    }
    byte[] head = text.substring(0, at + 2).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    out.writeBytes(insert);
    out.write(body, head.length, body.length - head.length);
    return out.toByteArray();
  }
}
