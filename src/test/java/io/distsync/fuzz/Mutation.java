package io.distsync.fuzz;

import io.distsync.fuzz.RequestGenerator.Draft;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One way to make a request hostile. Tree mutations come before text and byte mutations. */
enum Mutation {
  /** A path parameter replaced by an encoding or a name the rules refuse. */
  PATH_SEGMENT(Needs.PATH_PARAMETER) {
    @Override
    void apply(Draft d, Random r) {
      List<Integer> params = new ArrayList<>();
      String[] template = d.op.template().substring(1).split("/");
      for (int i = 0; i < template.length; i++) {
        if (template[i].startsWith("{")) {
          params.add(i);
        }
      }
      d.segments.set(params.get(r.nextInt(params.size())), pick(SEGMENTS, r));
    }
  },
  /** A query parameter that does not parse, is out of range, or is unknown. */
  QUERY(Needs.ANYTHING) {
    @Override
    void apply(Draft d, Random r) {
      String name = pick(List.of("limit", "cursor", "from", "queue", "zz", "limit[]"), r);
      d.query.add(name + "=" + pick(QUERY_VALUES, r));
    }
  },
  /** A field of the body given a value of another JSON type. */
  TYPE_SWAP(Needs.TREE) {
    @Override
    void apply(Draft d, Random r) {
      ObjectNode at = container(d.tree, r);
      at.set(field(at, r), otherType(r));
    }
  },
  /** A required or optional field taken away. */
  DROP_FIELD(Needs.FILLED_TREE) {
    @Override
    void apply(Draft d, Random r) {
      ObjectNode at = container(d.tree, r);
      if (!at.isEmpty()) {
        at.remove(field(at, r));
      }
    }
  },
  /** A field nested around and beyond the depth limit: 63 to 5,000 levels (written as text). */
  DEEP(Needs.TEXT) {
    @Override
    void apply(Draft d, Random r) {
      int depth = pick(List.of(62, 63, 64, 100, 1000, 5000), r);
      StringBuilder open = new StringBuilder();
      StringBuilder close = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        if (r.nextBoolean()) {
          open.append('[');
          close.insert(0, ']');
        } else {
          open.append("{\"d\":");
          close.insert(0, '}');
        }
      }
      replaceFirstValue(d, open + "1" + close);
    }
  },
  /** A field with thousands of members or items. */
  WIDE(Needs.TREE) {
    @Override
    void apply(Draft d, Random r) {
      int n = pick(List.of(1001, 10_001, 30_000), r);
      JsonNode v;
      if (r.nextBoolean()) {
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < n; i++) {
          a.add(i);
        }
        v = a;
      } else {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < n; i++) {
          o.put("k" + i, i);
        }
        v = o;
      }
      ObjectNode at = container(d.tree, r);
      at.set(field(at, r), v);
    }
  },
  /** A string field with exotic, invalid or very long text (escaped in the JSON). */
  STRANGE_STRING(Needs.TREE) {
    @Override
    void apply(Draft d, Random r) {
      ObjectNode at = container(d.tree, r);
      at.put(field(at, r), pick(STRINGS, r));
    }
  },
  /** A value replaced, in the text, by a number no parser likes or a literal JSON does not have. */
  LITERAL(Needs.TEXT) {
    @Override
    void apply(Draft d, Random r) {
      replaceFirstValue(d, pick(LITERALS, r));
    }
  },
  /** The first member written twice, with another value. */
  DUPLICATE_FIELD(Needs.FILLED_TEXT) {
    @Override
    void apply(Draft d, Random r) {
      String text = d.text();
      String name = d.tree.propertyNames().iterator().next();
      d.text =
          "{\""
              + name
              + "\":"
              + pick(List.of("1", "null", "\"dup\"", "{}"), r)
              + ","
              + text.substring(1);
    }
  },
  /** Something after the JSON value. */
  TRAILING(Needs.TEXT) {
    @Override
    void apply(Draft d, Random r) {
      d.text = d.text() + pick(List.of(" trailing", "}", "{}", ",", "\u0000", "[]", " 1"), r);
    }
  },
  /** The whole body replaced: empty, a bare value, not JSON, or over the size limit. */
  WHOLE_BODY(Needs.ANYTHING) {
    @Override
    void apply(Draft d, Random r) {
      if (d.bytes() == null) {
        d.header("Content-Type", "application/json");
      }
      int giant = 1024 * 1024 + 1 + r.nextInt(1000);
      d.raw = null;
      d.text =
          pick(
              List.of(
                  "",
                  "   ",
                  "\"just a string\"",
                  "[1,2]",
                  "42",
                  "null",
                  "true",
                  "{",
                  "}",
                  "<xml/>",
                  "{\"payload\":\"" + "x".repeat(giant) + "\"}",
                  "{\"value\":[" + "1,".repeat(giant / 2) + "1]}"),
              r);
    }
  },
  /** Bytes that are not UTF-8 inside a string. */
  INVALID_UTF8(Needs.BODY) {
    @Override
    void apply(Draft d, Random r) {
      byte[][] bad = {
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xFF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82},
        {(byte) 0x80}
      };
      d.raw = RequestGenerator.splice(d.bytes(), bad[r.nextInt(bad.length)]);
    }
  },
  /** Another media type or charset, or none. */
  CONTENT_TYPE(Needs.ANYTHING) {
    @Override
    void apply(Draft d, Random r) {
      d.header("Content-Type", pick(CONTENT_TYPES, r));
    }
  },
  /** An Accept header that excludes JSON, or is not one. */
  ACCEPT(Needs.ANYTHING) {
    @Override
    void apply(Draft d, Random r) {
      d.header(
          "Accept",
          pick(
              List.of("text/html", "application/xml", "*/*", "garbage", "application/json;q=0"),
              r));
    }
  },
  /** Another method on the same path. */
  METHOD(Needs.ANYTHING) {
    @Override
    void apply(Draft d, Random r) {
      d.method = pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO"), r);
    }
  };

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static final List<String> SEGMENTS =
      List.of(
          "%2F",
          "a%2Fb",
          "%00",
          "a%00b",
          "%",
          "%zz",
          "a%",
          "%C0%AF",
          "%ED%A0%80",
          "%FF",
          "..",
          "fz/..",
          ".",
          "a%20b",
          "%C3%A9",
          "%E2%80%AE",
          "x".repeat(300),
          "a;b",
          "a:b",
          "a%3Fb",
          "a%23b",
          "%5C",
          "a+b",
          "%2e%2e",
          "fz//a",
          "fz/");
  static final List<String> QUERY_VALUES =
      List.of(
          "abc",
          "-1",
          "0",
          "1001",
          "1e3",
          "99999999999999999999",
          "",
          "NaN",
          "%20%205",
          "%00",
          "%zz",
          "1.5",
          "0x10",
          "AAAA",
          "!!!",
          "x".repeat(3000),
          "%E2%80%AE",
          "-0");
  static final List<String> STRINGS =
      List.of(
          "\ud800",
          "\udc00",
          "a\ud83d",
          "\ud83d\ude00",
          "\u0000",
          "a\u0000b",
          "\u202eevil",
          "\u200b",
          "\uffff",
          "e\u0301",
          "日本語",
          "\n\t",
          "x".repeat(300),
          "x".repeat(300_000),
          "",
          " ",
          "*",
          "../..",
          "fz/" + "y".repeat(253),
          "\u001b[31m");
  static final List<String> LITERALS =
      List.of(
          "NaN",
          "Infinity",
          "-Infinity",
          "undefined",
          "0x10",
          "+1",
          ".5",
          "01",
          "1e999999999",
          "-1e999999999",
          "1e-999999999",
          "123456789012345678901234567890",
          "1" + "0".repeat(400),
          "-0",
          "9223372036854775808",
          "-9223372036854775809",
          "1.5",
          "1E2",
          "true",
          "nul",
          "'single'",
          "\"\\ud800\"",
          "\"\\x41\"");
  static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/json; charset=ISO-8859-1",
          "application/json; charset=utf-16",
          "application/json; charset=UTF-8",
          "garbage",
          "",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "application/merge-patch+json");

  /** What a draft must have for a mutation to act on it. */
  enum Needs {
    ANYTHING,
    PATH_PARAMETER,
    /** A body still held as a tree (no text edit yet). */
    TREE,
    FILLED_TREE,
    /** A body that is still one object's text (no byte edit yet). */
    TEXT,
    FILLED_TEXT,
    BODY
  }

  private final Needs needs;

  Mutation(Needs needs) {
    this.needs = needs;
  }

  /** Whether this mutation can act on the draft as it is now. */
  boolean applies(Draft d) {
    return switch (needs) {
      case ANYTHING -> true;
      case PATH_PARAMETER -> d.op.template().contains("{");
      case TREE -> d.tree != null && d.text == null;
      case FILLED_TREE -> d.tree != null && d.text == null && !d.tree.isEmpty();
      case TEXT -> objectText(d);
      case FILLED_TEXT -> objectText(d) && !d.tree.isEmpty();
      case BODY -> d.bytes() != null;
    };
  }

  abstract void apply(Draft d, Random r);

  static Mutation pick(Draft d, Random r) {
    Mutation[] all = values();
    for (int i = 0; i < 8; i++) {
      Mutation m = all[r.nextInt(all.length)];
      if (m.applies(d)) {
        return m;
      }
    }
    return null;
  }

  static <T> T pick(List<T> values, Random r) {
    return values.get(r.nextInt(values.size()));
  }

  /** The body itself, or one of its object fields, one level down. */
  private static ObjectNode container(ObjectNode tree, Random r) {
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      if (e.getValue() instanceof ObjectNode inner && r.nextInt(3) == 0) {
        return inner;
      }
    }
    return tree;
  }

  /** An existing field (or a new one, at times, or when there is none). */
  private static String field(ObjectNode at, Random r) {
    List<String> names = new ArrayList<>(at.propertyNames());
    return names.isEmpty() || r.nextInt(5) == 0 ? "zz" : names.get(r.nextInt(names.size()));
  }

  private static JsonNode otherType(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> F.stringNode("42");
      case 1 -> F.numberNode(r.nextBoolean() ? Long.MAX_VALUE : -1);
      case 2 -> F.booleanNode(true);
      case 3 -> F.nullNode();
      case 4 -> F.arrayNode().add("x");
      case 5 -> F.objectNode().put("x", 1);
      default -> F.numberNode(0.5);
    };
  }

  /** Whether the body is still object text that text mutations can edit. */
  private static boolean objectText(Draft d) {
    if (d.tree == null || d.raw != null) {
      return false;
    }
    String t = d.text().trim();
    return t.length() >= 2 && t.startsWith("{") && t.endsWith("}");
  }

  /** The body's first member value replaced by this text (or a member added, in an empty body). */
  private static void replaceFirstValue(Draft d, String value) {
    String text = d.text();
    int colon = text.indexOf(':');
    if (colon < 0) {
      d.text = text.substring(0, text.length() - 1) + "\"x\":" + value + "}";
      return;
    }
    int end = valueEnd(text, colon + 1);
    d.text = text.substring(0, colon + 1) + value + text.substring(end);
  }

  /** Where the JSON value that starts at {@code from} ends (a scalar, an object or an array). */
  private static int valueEnd(String text, int from) {
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return text.length();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
