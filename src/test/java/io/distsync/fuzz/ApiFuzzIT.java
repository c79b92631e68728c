package io.distsync.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.fuzz.RequestGenerator.FuzzCase;
import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import io.distsync.testing.TestCluster;
import io.distsync.testing.contract.ApiDocument;
import io.distsync.testing.contract.Contract;
import io.distsync.testing.contract.ResponseContract;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile requests, generated from the served OpenAPI document for every operation, against a real
 * node: no answer is a 5xx, every error is the contract's JSON body and is allowed by the document,
 * and afterwards the node is healthy and what valid requests stored before is unchanged.
 *
 * <p>Property-based with QuickTheories: the default run tries 10,000 requests from a fixed seed.
 * {@code -Dfuzz.tries=N} and {@code -Dfuzz.seed=S} run another number from another seed; a failure
 * prints the request, its number and the seed, and the same options replay it.
 */
class ApiFuzzIT {
  /** The default run's seed; {@code -Dfuzz.seed=S} is mixed into it. */
  static final long FIXED_SEED = 20261207L;

  static final long SEED = Long.getLong("fuzz.seed", 0L);
  static final int TRIES = Integer.getInteger("fuzz.tries", 10_000);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration T = Duration.ofSeconds(15);
  private static final AtomicLong SENT = new AtomicLong();
  private static final AtomicLong REFUSED_BY_CONTAINER = new AtomicLong();
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(ApiFuzzIT.class.getName());

  private static TestCluster cluster;
  private static String base;
  private static URI origin;
  private static ApiDocument doc;
  private static ResponseContract contract;
  private static Canaries canaries;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(1, Map.of("TLS", "off", "AUTH", "off"));
    base = cluster.node(1).url();
    origin = URI.create(base);
    doc = Contract.served(origin);
    contract = new ResponseContract(doc);
    canaries = Canaries.store(base);
  }

  @AfterAll
  static void stop() {
    LOG.info(
        "ApiFuzzIT: "
            + SENT.get()
            + " requests (fuzz.seed="
            + SEED
            + "), "
            + REFUSED_BY_CONTAINER.get()
            + " refused by the web container before the application");
    try {
      if (cluster != null && base != null) {
        Reply ready = Http.get(base + "/health/ready", T);
        assertThat(ready.status()).as("readiness after %d requests", SENT.get()).isEqualTo(200);
        assertThat(Http.get(base + "/status", T).status()).isEqualTo(200);
        canaries.assertUnchanged();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  /** Requests from the document, each from a seed QuickTheories draws from the run's seed. */
  private static Gen<FuzzCase> requests() {
    RequestGenerator generator = new RequestGenerator(doc);
    return in -> generator.next(new Random(in.next(Constraint.none())));
  }

  @Test
  void no_input_gets_a_5xx_or_an_error_that_is_not_the_contracts_json() {
    QuickTheory.qt()
        .withFixedSeed(FIXED_SEED ^ SEED)
        .withExamples(TRIES)
        .withShrinkCycles(0) // a request is printed whole; shrinking would resend thousands
        .withTestingTime(1, java.util.concurrent.TimeUnit.HOURS)
        .forAll(requests())
        .checkAssert(ApiFuzzIT::check);
  }

  private static void check(FuzzCase c) {
    SENT.incrementAndGet();
    RawExchange.Answer a;
    try {
      a =
          RawExchange.send(
              origin.getHost(), origin.getPort(), c.method(), c.target(), c.headers(), c.body());
    } catch (IOException e) {
      throw new AssertionError("no answer to " + c + "\n  " + e, e);
    }
    if (RefusedByContainer.is(a.status(), a.text())) {
      REFUSED_BY_CONTAINER.incrementAndGet();
      return; // the web container's own answer, before the application (see RefusedByContainer)
    }
    String replay =
        "-Dfuzz.seed=" + SEED + " -Dfuzz.tries=" + TRIES + ", request " + SENT.get() + ":\n" + c;
    assertThat(a.status())
        .as("status of %s\n  answer: %s", replay, abbreviate(a.text()))
        .isLessThan(500);
    if (a.status() >= 400 && !c.method().equals("HEAD")) {
      assertThat(a.header("Content-Type"))
          .as("content type of %s", replay)
          .startsWith("application/json");
      JsonNode body = JSON.readTree(a.body());
      assertThat(body.path("error").isString() && body.path("message").isString())
          .as("error body of %s\n  answer: %s", replay, abbreviate(a.text()))
          .isTrue();
    }
    List<String> problems =
        contract.violations(
            new ResponseContract.Answer(
                c.method(), uri(c.target()), a.status(), a.headers(), a.text()));
    assertThat(problems)
        .as("the document's verdict on %s\n  answer: %s", replay, abbreviate(a.text()))
        .isEmpty();
  }

  /** The target as a URI for matching the document's operations: invalid escapes escaped. */
  private static URI uri(String target) {
    String safe = target.replaceAll("%(?![0-9A-Fa-f]{2})", "%25").replace(" ", "%20");
    try {
      return origin.resolve(safe);
    } catch (IllegalArgumentException e) {
      return origin.resolve("/unparsable");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }

  /** What valid requests stored before the fuzzing, outside the fuzzer's names. */
  record Canaries(String base, long token, String value, long version) {
    static final String LOCK = "canary/lock";
    static final String QUEUE = "canary-queue";
    static final String KEY = "canary:key";
    static final String PAYLOAD = "{\"canary\":[1,2.5,\"é😀\",null,{\"deep\":true}]}";

    static Canaries store(String base) {
      Reply grant =
          Http.sendJson(
              "POST",
              base + "/locks/acquire",
              "{\"resource\":\"" + LOCK + "\",\"owner\":\"canary\",\"ttlMs\":3600000}",
              T);
      assertThat(grant.status()).as(grant.body()).isEqualTo(200);
      Reply produced =
          Http.sendJson(
              "POST", base + "/queues/" + QUEUE + "/messages", "{\"payload\":" + PAYLOAD + "}", T);
      assertThat(produced.status()).as(produced.body()).isEqualTo(201);
      Reply put = Http.sendJson("PUT", base + "/cache/" + KEY, "{\"value\":" + PAYLOAD + "}", T);
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      return new Canaries(
          base,
          ((JsonObject) grant.json()).getJsonNumber("fencingToken").longValue(),
          PAYLOAD,
          ((JsonObject) put.json()).getJsonNumber("version").longValue());
    }

    void assertUnchanged() {
      JsonObject lock = (JsonObject) Http.get(base + "/locks/" + LOCK, T).json();
      assertThat(lock.getJsonArray("holders")).hasSize(1);
      JsonObject holder = lock.getJsonArray("holders").getJsonObject(0);
      assertThat(holder.getString("owner")).isEqualTo("canary");
      assertThat(holder.getJsonNumber("fencingToken").longValue()).isEqualTo(token);

      JsonObject entry = (JsonObject) Http.get(base + "/cache/" + KEY, T).json();
      assertThat(entry.getJsonNumber("version").longValue()).isEqualTo(version);
      assertThat(JSON.readTree(entry.get("value").toString())).isEqualTo(JSON.readTree(value));

      JsonObject stats = (JsonObject) Http.get(base + "/queues/" + QUEUE, T).json();
      assertThat(stats.getJsonNumber("ready").longValue()).isEqualTo(1);
      Reply consumed =
          Http.sendJson(
              "POST", base + "/queues/" + QUEUE + "/consume", "{\"consumer\":\"canary\"}", T);
      JsonObject message = ((JsonObject) consumed.json()).getJsonArray("messages").getJsonObject(0);
      assertThat(JSON.readTree(message.get("payload").toString())).isEqualTo(JSON.readTree(value));
    }
  }
}
