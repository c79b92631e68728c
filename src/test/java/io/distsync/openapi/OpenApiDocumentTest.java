package io.distsync.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.error.ErrorCode;
import io.distsync.security.Requires;
import io.distsync.security.RequiresTest;
import io.distsync.testing.contract.ApiDocument;
import io.distsync.testing.contract.Contract;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The hand-written document ({@code openapi/openapi.yaml}) says what the code does. */
class OpenApiDocumentTest {
  private static final ApiDocument DOC = Contract.built();
  private static final Map<Class<? extends Annotation>, String> VERBS =
      Map.of(GET.class, "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE");

  @Test
  void every_public_operation_of_the_code_is_in_the_document_and_no_other() {
    assertThat(DOC.operations().stream().map(o -> o.method() + " " + o.template()).sorted())
        .containsExactlyElementsOf(code().keySet());
  }

  @Test
  void each_operation_needs_the_role_its_code_enforces() {
    Map<String, String> documented = new TreeMap<>();
    Map<String, String> enforced = new TreeMap<>();
    for (var op : DOC.operations()) {
      JsonNode bearer = op.node().path("security").path(0).path("bearer");
      documented.put(op.method() + " " + op.template(), bearer.path(0).asString(""));
    }
    code().forEach((op, m) -> enforced.put(op, required(m).value().claim()));
    assertThat(documented).isEqualTo(enforced);
  }

  @Test
  void the_error_schema_lists_exactly_the_codes_of_the_contract() {
    List<String> listed = new ArrayList<>();
    DOC.root()
        .at("/components/schemas/Error/properties/error/enum")
        .forEach(c -> listed.add(c.asString()));
    assertThat(listed)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
  }

  @Test
  void every_error_example_carries_a_code_answered_with_its_status() {
    List<String> wrong = new ArrayList<>();
    for (var op : DOC.operations()) {
      for (var r : op.node().path("responses").properties()) {
        int status = Integer.parseInt(r.getKey());
        JsonNode content = DOC.resolve(r.getValue()).path("content").path("application/json");
        if (status < 400) {
          continue;
        }
        if (content.path("examples").isEmpty()) {
          wrong.add(op.method() + " " + op.template() + " " + status + ": no example");
        }
        for (var example : content.path("examples").properties()) {
          String code = DOC.resolve(example.getValue()).path("value").path("error").asString("");
          boolean ok =
              Arrays.stream(ErrorCode.values())
                  .anyMatch(c -> c.name().equals(code) && c.status() == status);
          if (!ok) {
            wrong.add(op.method() + " " + op.template() + " " + status + ": " + code);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void every_503_says_when_to_try_again() {
    List<String> without = new ArrayList<>();
    for (var op : DOC.operations()) {
      JsonNode unavailable = op.node().path("responses").path("503");
      if (!unavailable.isMissingNode()
          && DOC.resolve(unavailable).path("headers").path("Retry-After").isMissingNode()) {
        without.add(op.method() + " " + op.template());
      }
    }
    assertThat(without).isEmpty();
  }

  @Test
  void listings_take_limit_and_cursor_and_say_where_the_next_page_is() {
    for (String listing : List.of("GET /locks", "GET /queues", "GET /cache/state")) {
      var op = DOC.find(listing.split(" ")[0], listing.split(" ")[1]).orElseThrow();
      List<String> params = new ArrayList<>();
      op.node().path("parameters").forEach(p -> params.add(DOC.resolve(p).path("name").asString()));
      assertThat(params).as(listing).containsExactlyInAnyOrder("limit", "cursor");
      JsonNode ok = DOC.resolve(op.node().path("responses").path("200"));
      assertThat(ok.path("headers").propertyNames()).as(listing).contains("Next-Cursor", "Link");
      assertThat(op.node().path("responses").has("400")).as(listing).isTrue();
    }
  }

  /** The method's own {@link Requires}, else its class's. */
  private static Requires required(Method m) {
    Requires own = m.getAnnotation(Requires.class);
    return own != null ? own : m.getDeclaringClass().getAnnotation(Requires.class);
  }

  /** "METHOD /path/{param}" of every public resource method, in order. */
  private static Map<String, Method> code() {
    Map<String, Method> ops = new TreeMap<>();
    for (Class<?> c : RequiresTest.RESOURCES) {
      String base = c.getAnnotation(Path.class).value();
      for (Method m : c.getDeclaredMethods()) {
        for (var verb : VERBS.entrySet()) {
          if (m.isAnnotationPresent(verb.getKey())) {
            Path sub = m.getAnnotation(Path.class);
            String path = base + (sub == null ? "" : sub.value());
            ops.put(verb.getValue() + " " + template(path), m);
          }
        }
      }
    }
    return ops;
  }

  /** {@code /locks/{resource: .+}} as the document writes it: {@code /locks/{resource}}. */
  private static String template(String path) {
    return path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/$", "");
  }
}
