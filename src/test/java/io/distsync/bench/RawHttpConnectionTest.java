package io.distsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw benchmark clients against a JDK HTTPS server whose certificate a throwaway CA signed: the
 * bearer token is in every request, keep-alive keeps one TLS connection (one handshake) for many
 * requests, a server certificate from another CA fails the handshake, and plain HTTP still works.
 */
class RawHttpConnectionTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2ln";

  @TempDir Path dir;

  /** What the server saw of one request. */
  record Seen(String method, String path, String authorization, String peer, String protocol) {}

  private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final AtomicInteger connections = new AtomicInteger();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void when_the_node_is_https_then_every_request_has_the_token_and_one_tls_connection_serves_all()
      throws Exception {
    ThrowawayCa ca = ThrowawayCa.create("distsync test CA");
    URI node = https(ca.serverContext());
    BenchSecurity security =
        new BenchSecurity(TOKEN, BenchSecurity.trusting(ca.writePem(dir.resolve("ca.pem"))));

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (RawHttpConnection c = new RawHttpConnection(node, security)) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.send(request(security, "GET", node, "/cache/k" + i, null), null))
            .isEqualTo(200);
      }
      assertThat(c.send(request(security, "POST", node, "/locks/acquire", "{\"a\":1}"), body))
          .isEqualTo(200);
      assertThat(c.send(request(security, "PUT", node, "/cache/k", "{\"value\":2}"), null))
          .isEqualTo(200);
    }

    assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"echo\":\"/locks/acquire\"}");
    assertThat(seen).hasSize(5);
    assertThat(seen).extracting(Seen::authorization).containsOnly("Bearer " + TOKEN);
    assertThat(seen).extracting(Seen::protocol).containsOnly("TLSv1.3");
    assertThat(seen)
        .extracting(s -> s.method() + " " + s.path())
        .containsExactly(
            "GET /cache/k0",
            "GET /cache/k1",
            "GET /cache/k2",
            "POST /locks/acquire",
            "PUT /cache/k");
    assertThat(seen.stream().map(Seen::peer).distinct()).as("one client port").hasSize(1);
    assertThat(connections).as("TLS connections the server set up").hasValue(1);
  }

  @Test
  void when_the_server_certificate_is_from_another_ca_then_the_handshake_fails() throws Exception {
    ThrowawayCa trusted = ThrowawayCa.create("distsync test CA");
    ThrowawayCa other = ThrowawayCa.create("someone else's CA");
    URI node = https(other.serverContext());
    BenchSecurity security =
        new BenchSecurity(TOKEN, BenchSecurity.trusting(trusted.writePem(dir.resolve("ca.pem"))));

    try (RawHttpConnection c = new RawHttpConnection(node, security)) {
      byte[] get = request(security, "GET", node, "/status", null);
      assertThatThrownBy(() -> c.send(get, null)).isInstanceOf(SSLHandshakeException.class);
    }
    try (RawHttp h = new RawHttp(node, 5_000, security)) {
      assertThatThrownBy(() -> h.get("/status"))
          .isInstanceOf(UncheckedIOException.class)
          .hasCauseInstanceOf(SSLHandshakeException.class);
    }
    assertThat(seen).as("no request, hence no token, reached the untrusted server").isEmpty();
  }

  @Test
  void when_raw_http_talks_to_an_https_node_then_it_sends_the_token_and_reads_the_answer()
      throws Exception {
    ThrowawayCa ca = ThrowawayCa.create("distsync test CA");
    URI node = https(ca.serverContext());
    BenchSecurity security =
        new BenchSecurity(TOKEN, BenchSecurity.trusting(ca.writePem(dir.resolve("ca.pem"))));

    try (RawHttp h = new RawHttp(node, 5_000, security)) {
      assertThat(h.get("/metrics").body()).isEqualTo("{\"echo\":\"/metrics\"}");
      assertThat(h.post("/queues/q/messages", "{}").status()).isEqualTo(200);
    }

    assertThat(seen).extracting(Seen::authorization).containsOnly("Bearer " + TOKEN);
    assertThat(connections).hasValue(1);
  }

  @Test
  void when_no_token_is_set_and_the_node_is_plain_http_then_requests_go_as_before()
      throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    URI node = URI.create("http://localhost:" + server.getAddress().getPort());
    BenchSecurity security = BenchSecurity.fromEnv(Map.of());

    try (RawHttpConnection c = new RawHttpConnection(node, security)) {
      assertThat(c.send(request(security, "GET", node, "/status", null), null)).isEqualTo(200);
      assertThat(c.send(request(security, "POST", node, "/raft/noop", "{}"), null)).isEqualTo(200);
    }

    assertThat(seen).hasSize(2).extracting(Seen::authorization).containsOnlyNulls();
    assertThat(seen.stream().map(Seen::peer).distinct()).hasSize(1);
  }

  private static byte[] request(
      BenchSecurity security, String method, URI node, String path, String json) {
    return RawHttpConnection.request(security, method, node, path, "", json);
  }

  /** An HTTPS server on a free loopback port with {@code tls}; its URL, named localhost. */
  private URI https(SSLContext tls) throws IOException {
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            // Called once for each new connection, before its handshake.
            connections.incrementAndGet();
            super.configure(params);
          }
        });
    s.createContext("/", this::answer);
    s.start();
    server = s;
    return URI.create("https://localhost:" + s.getAddress().getPort());
  }

  private void answer(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes(); // read, so that the connection stays usable
    String protocol =
        ex instanceof HttpsExchange https ? https.getSSLSession().getProtocol() : "plain";
    seen.add(
        new Seen(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            ex.getRequestHeaders().getFirst("Authorization"),
            ex.getRemoteAddress().toString(),
            protocol));
    byte[] reply =
        ("{\"echo\":\"" + ex.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, reply.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(reply);
    }
  }
}
