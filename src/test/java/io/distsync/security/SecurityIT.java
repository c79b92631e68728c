package io.distsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.Http;
import io.distsync.testing.TestCluster;
import io.distsync.testing.TestPki;
import io.distsync.testing.contract.Contract;
import io.distsync.testing.contract.Replayed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the served OpenAPI document, called with each kind of token: none, one signed
 * by another key, an expired one, one for another audience, one without the role the document
 * names, one whose scopes exclude the name, and the right one. The roles come from the document
 * (each operation's {@code bearer} requirement), so a new operation is tested as soon as it is
 * served, and one without a sample request here fails the test.
 */
class SecurityIT {
  private static final String NAME = "scoped-a";
  private static final String SCOPE = "scoped-*";
  private static final String OTHER_SCOPE = "other-*";

  /** How each operation is called: its body, and whether it touches a name or lists them all. */
  enum Kind {
    NAMED,
    LISTING,
    UNNAMED
  }

  record Sample(Kind kind, String body, String query) {}

  private static final Map<String, Sample> SAMPLES =
      Map.ofEntries(
          Map.entry("acquireLock", named("{\"resource\":\"" + NAME + "\",\"owner\":\"o1\"}")),
          Map.entry("releaseLock", named("{\"resource\":\"" + NAME + "\",\"owner\":\"o2\"}")),
          Map.entry("renewLock", named("{\"resource\":\"" + NAME + "\",\"owner\":\"o2\"}")),
          Map.entry("getLock", named(null)),
          Map.entry("listLocks", new Sample(Kind.LISTING, null, "")),
          Map.entry("getWaitForGraph", new Sample(Kind.LISTING, null, "")),
          Map.entry("getCacheEntry", named(null)),
          Map.entry("putCacheEntry", named("{\"value\":1}")),
          Map.entry("deleteCacheEntry", named(null)),
          Map.entry("invalidateCache", named("{\"key\":\"" + NAME + "\"}")),
          Map.entry("getCacheState", new Sample(Kind.LISTING, null, "")),
          Map.entry("produceMessages", named("{\"payload\":1}")),
          Map.entry("consumeMessages", named("{\"consumer\":\"c1\",\"max\":1}")),
          Map.entry("ackMessages", named("{\"receipts\":[\"nothing\"]}")),
          Map.entry("nackMessages", named("{\"receipts\":[\"nothing\"]}")),
          Map.entry("extendMessages", named("{\"receipts\":[\"nothing\"],\"visibilityMs\":1000}")),
          Map.entry("getQueue", named(null)),
          Map.entry("listDeadLetters", named(null)),
          Map.entry("redriveDeadLetters", named(null)),
          Map.entry("purgeQueue", named(null)),
          Map.entry("deleteQueue", named(null)),
          Map.entry("listQueues", new Sample(Kind.LISTING, null, "")),
          Map.entry("getQueueRing", new Sample(Kind.LISTING, null, "")),
          Map.entry("getLeader", unnamed(null)),
          Map.entry("getRaftStatus", unnamed(null)),
          Map.entry("getRaftLog", new Sample(Kind.UNNAMED, null, "?from=1&limit=1")),
          Map.entry("appendNoop", unnamed("{\"tag\":\"security\"}")),
          Map.entry("transferLeadership", unnamed(null)),
          Map.entry("addMember", unnamed("{\"id\":\"x\",\"url\":\"not a url\"}")),
          Map.entry("removeMember", unnamed(null)),
          Map.entry("getStatus", unnamed(null)),
          Map.entry("getDashboardEvents", new Sample(Kind.LISTING, null, "")));

  private static TestCluster cluster;
  private static String base;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(1);
    base = cluster.node(1).url();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> every_operation_answers_each_kind_of_token_as_its_role_and_scope_say() {
    JsonObject paths = document().getJsonObject("paths");
    List<DynamicTest> tests = new ArrayList<>();
    List<String> withoutSample = new ArrayList<>();
    for (String path : paths.keySet()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.keySet()) {
        JsonObject op = item.getJsonObject(method);
        String id = op.getString("operationId", method + " " + path);
        Sample sample = SAMPLES.get(id);
        if (sample == null) {
          withoutSample.add(id);
          continue;
        }
        Role role = roleOf(op);
        tests.add(
            DynamicTest.dynamicTest(
                method.toUpperCase() + " " + path + " (" + role.claim() + ")",
                () -> checkOperation(method.toUpperCase(), path, role, sample)));
      }
    }
    tests.add(
        DynamicTest.dynamicTest(
            "every served operation has a sample request in this test",
            () -> assertThat(withoutSample).isEmpty()));
    return tests.stream();
  }

  private static void checkOperation(String method, String path, Role role, Sample sample) {
    String url =
        base
            + path.replaceAll("\\{[^}]+}", path.contains("{id}") ? "nobody" : NAME)
            + sample.query();
    TestPki pki = TestPki.cluster();
    Duration day = Duration.ofDays(1);
    String scope = sample.kind() == Kind.NAMED ? SCOPE : null;

    assertUnauthenticated(call(method, url, sample.body(), null), "no token");
    assertUnauthenticated(
        call(method, url, sample.body(), TestPki.foreign().token(role, null, day)), "another key");
    assertUnauthenticated(
        call(
            method,
            url,
            sample.body(),
            pki.token(
                role, null, Instant.now().minusSeconds(7200), Duration.ofHours(1), "distsync")),
        "expired");
    assertUnauthenticated(
        call(method, url, sample.body(), pki.token(role, null, Instant.now(), day, "elsewhere")),
        "another audience");
    assertUnauthenticated(call(method, url, sample.body(), "not.a.jwt"), "garbage");

    if (role != Role.READER) {
      Role below = Role.values()[role.ordinal() - 1];
      assertForbidden(
          call(method, url, sample.body(), pki.token(below, null, day)), "role " + below.claim());
    }
    HttpResponse<String> otherScope =
        call(method, url, sample.body(), pki.token(role, OTHER_SCOPE, day));
    if (sample.kind() == Kind.UNNAMED) {
      assertAnswered(otherScope, "scoped token on an operation without names");
    } else {
      assertForbidden(otherScope, "scope " + OTHER_SCOPE);
    }
    assertAnswered(call(method, url, sample.body(), pki.token(role, scope, day)), "right token");
    assertAnswered(
        call(method, url, sample.body(), pki.token(Role.ADMIN, scope, day)), "admin token");
  }

  private static void assertUnauthenticated(HttpResponse<String> r, String why) {
    assertThat(r.statusCode()).as(why + ": " + r.body()).isEqualTo(401);
    assertThat(error(r)).as(why).isEqualTo("UNAUTHENTICATED");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .as(why)
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(r.body())
        .as("says nothing about why the token failed")
        .doesNotContainIgnoringCase("signature")
        .doesNotContainIgnoringCase("expired");
  }

  private static void assertForbidden(HttpResponse<String> r, String why) {
    assertThat(r.statusCode()).as(why + ": " + r.body()).isEqualTo(403);
    assertThat(error(r)).as(why).isEqualTo("FORBIDDEN");
  }

  private static void assertAnswered(HttpResponse<String> r, String why) {
    assertThat(r.statusCode()).as(why + ": " + r.body()).isNotIn(401, 403).isLessThan(500);
  }

  private static String error(HttpResponse<String> r) {
    try (var reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject().getString("error", null);
    }
  }

  @Test
  void health_metrics_and_the_openapi_document_need_no_token() {
    for (String path :
        List.of("/health/ready", "/health/live", "/metrics", "/openapi", "/openapi/ui/")) {
      assertThat(call("GET", base + path, null, null).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void the_document_declares_the_bearer_scheme_and_a_role_for_every_operation() {
    JsonObject doc = document();
    assertThat(
            doc.getJsonObject("components")
                .getJsonObject("securitySchemes")
                .getJsonObject("bearer")
                .getString("scheme"))
        .isEqualTo("bearer");
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.keySet()) {
      for (String method : paths.getJsonObject(path).keySet()) {
        JsonObject op = paths.getJsonObject(path).getJsonObject(method);
        assertThat(op.containsKey("security")).as(method + " " + path).isTrue();
        assertThat(op.getJsonObject("responses").keySet())
            .as(method + " " + path)
            .contains("401", "403");
      }
    }
  }

  private static Role roleOf(JsonObject op) {
    String claim = op.getJsonArray("security").getJsonObject(0).getJsonArray("bearer").getString(0);
    return Role.fromClaim(claim).orElseThrow();
  }

  static JsonObject document() {
    HttpResponse<String> r = call("GET", base + "/openapi?format=JSON", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    try (var reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  /** One request with exactly the token given (none when null). */
  static HttpResponse<String> call(String method, String url, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(15))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    // Sent by the shared client itself (not Http.send), so no admin token is added.
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpRequest request = b.build();
      HttpResponse<java.io.InputStream> raw =
          Http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = raw.body()) {
        // A server-sent event stream never ends: its head is the answer, and closing it ends it.
        String text =
            isEventStream(raw)
                ? ""
                : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = new Replayed<>(raw, text);
        if (!isEventStream(r)) {
          Contract.check(request, r);
        }
        return r;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isEventStream(HttpResponse<?> r) {
    return r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
  }

  private static Sample named(String body) {
    return new Sample(Kind.NAMED, body, "");
  }

  private static Sample unnamed(String body) {
    return new Sample(Kind.UNNAMED, body, "");
  }
}
