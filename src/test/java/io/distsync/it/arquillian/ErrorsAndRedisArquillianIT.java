package io.distsync.it.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.contract.Contract;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * Runs in a Liberty server that Arquillian starts: the CDI-produced {@link RedisClient} works
 * against the build's real Redis (in the container), and bodies that are not the expected JSON get
 * the contract's JSON errors (from outside).
 */
@ExtendWith(ArquillianExtension.class)
class ErrorsAndRedisArquillianIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "arqtest.war")
        // The error contract and the Redis client, without the Raft node (not under test here).
        .addPackages(false, "io.distsync.error", "io.distsync.redis", "io.distsync.cluster.model")
        .addClasses(
            io.distsync.DistSyncApplication.class,
            io.distsync.cluster.NodeLog.class,
            // the Redis client verifies a rediss:// server against the cluster's CA (TLS off here)
            io.distsync.security.ClusterTls.class,
            io.distsync.security.SecuritySettings.class,
            EchoResource.class)
        .addAsLibraries(
            jarOf(RedisClient.class),
            jarOf(org.apache.commons.pool2.ObjectPool.class),
            jarOf(com.google.gson.Gson.class),
            jarOf(org.json.JSONObject.class),
            jarOf(org.slf4j.Logger.class),
            jarOf(org.slf4j.impl.JDK14LoggerAdapter.class),
            jarOf(redis.clients.authentication.core.TokenAuthConfig.class),
            jarOf(org.assertj.core.api.Assertions.class))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Inject RedisClient redis;

  @Test
  void the_produced_redis_client_talks_to_the_real_redis() {
    redis.set("arquillian:key", "value");

    assertThat(redis.get("arquillian:key")).isEqualTo("value");
    assertThat(redis.del("arquillian:key")).isEqualTo(1L);
  }

  @Test
  @RunAsClient
  void malformed_json_is_400_INVALID_REQUEST(@ArquillianResource URL base) throws Exception {
    HttpResponse<String> r = post(base, "echo", "application/json", "{\"name\": \"widget\", ");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("\"error\":\"INVALID_REQUEST\"").doesNotContain("Exception");
  }

  @Test
  @RunAsClient
  void a_wrong_type_is_400_INVALID_REQUEST(@ArquillianResource URL base) throws Exception {
    HttpResponse<String> r = post(base, "echo", "application/json", "{\"qty\": \"many\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("\"error\":\"INVALID_REQUEST\"");
  }

  @Test
  @RunAsClient
  void a_good_body_is_echoed(@ArquillianResource URL base) throws Exception {
    HttpResponse<String> r = post(base, "echo", "application/json", "{\"name\":\"w\",\"qty\":41}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"qty\":41");
  }

  @Test
  @RunAsClient
  void unsupported_media_type_is_415(@ArquillianResource URL base) throws Exception {
    HttpResponse<String> r = post(base, "echo", "text/plain", "hello");

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.body()).contains("\"error\":\"UNSUPPORTED_MEDIA_TYPE\"");
  }

  @Test
  @RunAsClient
  void an_uncaught_exception_is_500_without_a_stack_trace(@ArquillianResource URL base)
      throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(base.toURI().resolve("echo/boom"))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body())
        .contains("\"error\":\"INTERNAL_ERROR\"")
        .contains("incident")
        .doesNotContain("internal detail")
        .doesNotContain("IllegalStateException");
  }

  private static HttpResponse<String> post(URL base, String path, String type, String body)
      throws Exception {
    URI uri = base.toURI().resolve(path);
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /**
   * Sends and checks an error answer against the OpenAPI document ({@link Contract}): the echo
   * resource is this archive's own, not an operation of the document, but its refusals come from
   * the application's mappers and must have the contract's shape.
   */
  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 400) {
      Contract.check(request, r);
    }
    return r;
  }
}
