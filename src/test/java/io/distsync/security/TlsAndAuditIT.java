package io.distsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.testing.Eventually;
import io.distsync.testing.Http;
import io.distsync.testing.LibertyNode;
import io.distsync.testing.TestCluster;
import io.distsync.testing.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS as a member, a client and an outsider meet it on a node with TLS on, and the audit log an
 * administrator's session leaves.
 */
class TlsAndAuditIT {
  private static TestCluster cluster;
  private static LibertyNode node;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(1);
    node = cluster.node(1);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void a_client_that_does_not_trust_the_clusters_ca_fails_the_handshake() {
    HttpClient jdkDefaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    assertThatThrownBy(
            () ->
                jdkDefaults.send(
                    get(node.url() + "/health/ready"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLException.class);
  }

  @Test
  void plain_http_to_the_api_port_gets_no_answer_of_the_api() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    String url = node.url().replace("https://", "http://") + "/status";
    try {
      HttpResponse<String> r = plain.send(get(url), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isGreaterThanOrEqualTo(400);
      assertThat(r.body()).doesNotContain("nodeId");
    } catch (IOException refused) {
      // the TLS port closed the plain connection: refused, as it should be
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void the_peer_channel_opens_for_a_member_only() throws Exception {
    URI channel = URI.create("wss://localhost:" + node.peerPort() + "/internal/channel");
    // A member: the cluster's certificate and the secret, on the peer port.
    WebSocket member = open(channel, TestPki.cluster().memberContext()).get(10, TimeUnit.SECONDS);
    member.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    // An outsider without the cluster's CA cannot even verify the node.
    assertThatThrownBy(() -> open(channel, TestPki.foreign().memberContext()).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(SSLHandshakeException.class);
    // An outsider that trusts the CA but holds a certificate from another CA, and a client with
    // no certificate: the peer port requires one the cluster's CA signed, so the handshake fails.
    for (SSLContext outsider :
        List.of(
            TestPki.foreign().memberContextTrusting(TestPki.cluster()),
            TestPki.cluster().clientContext())) {
      assertThatThrownBy(() -> open(channel, outsider).join())
          .isInstanceOf(CompletionException.class)
          .satisfies(
              e -> assertThat(rootCause(e)).isInstanceOfAny(SSLException.class, IOException.class));
    }
    // A member without the secret.
    assertThatThrownBy(() -> openWithout(channel, TestPki.cluster().memberContext()).join())
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                    .isEqualTo(401));
    // The API port does not open the channel, even to a member with the secret.
    URI onApiPort = URI.create(node.url().replace("https://", "wss://") + "/internal/channel");
    assertThatThrownBy(() -> open(onApiPort, TestPki.cluster().memberContext()).join())
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
  }

  /**
   * HTTP/2 is off on both ports: Liberty's HTTP/2 can park every executor thread for good under a
   * client that multiplexes many requests on one connection (server.xml). The JDK client offers
   * HTTP/2 by ALPN; the node must choose HTTP/1.1.
   */
  @Test
  void both_ports_answer_in_http_1_1_a_client_that_offers_http_2() {
    Http.Reply api = Http.get(node.url() + "/health/ready", Duration.ofSeconds(10));
    assertThat(api.raw().request().uri().getScheme()).isEqualTo("https");
    assertThat(api.raw().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    HttpRequest.Builder onPeerPort =
        HttpRequest.newBuilder(
                URI.create("https://localhost:" + node.peerPort() + "/internal/ping"))
            .version(HttpClient.Version.HTTP_2)
            .header("X-Cluster-Secret", "test-secret");
    Http.Reply peer = Http.sendAsMember(onPeerPort, Duration.ofSeconds(10));
    assertThat(peer.status()).isEqualTo(200);
    assertThat(peer.raw().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void node_to_node_endpoints_answer_a_member_on_the_peer_port_only() {
    String path = "/internal/ping";
    HttpRequest.Builder onPeerPort =
        HttpRequest.newBuilder(URI.create("https://localhost:" + node.peerPort() + path))
            .header("X-Cluster-Secret", "test-secret");
    assertThat(Http.sendAsMember(onPeerPort, Duration.ofSeconds(10)).status()).isEqualTo(200);
    HttpRequest.Builder onApiPort =
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .header("X-Cluster-Secret", "test-secret");
    Http.Reply r = Http.sendAsMember(onApiPort, Duration.ofSeconds(10));
    assertThat(r.status()).as(r.body()).isEqualTo(401);
  }

  @Test
  void the_audit_log_holds_an_administrators_session_and_no_token() throws IOException {
    TestPki pki = TestPki.cluster();
    String admin = pki.token(Role.ADMIN, null, Duration.ofHours(1));
    String reader = pki.token(Role.READER, "audit-*", Duration.ofHours(1));
    String base = node.url();
    assertThat(
            SecurityIT.call("POST", base + "/raft/leadership/transfer", null, admin).statusCode())
        .isEqualTo(200);
    assertThat(
            SecurityIT.call("POST", base + "/cache/invalidate", "{\"key\":\"*\"}", admin)
                .statusCode())
        .isEqualTo(200);
    assertThat(SecurityIT.call("POST", base + "/queues/audit-q/purge", null, admin).statusCode())
        .isLessThan(500);
    assertThat(SecurityIT.call("GET", base + "/raft/log?from=1&limit=1", null, reader).statusCode())
        .isEqualTo(403);
    assertThat(SecurityIT.call("GET", base + "/locks/elsewhere", null, reader).statusCode())
        .isEqualTo(403);
    assertThat(SecurityIT.call("GET", base + "/status", null, null).statusCode()).isEqualTo(401);

    Path audit = node.messagesLog().resolveSibling("audit.log.0");
    List<String> expected =
        List.of(
            "\"event\":\"admin\",\"outcome\":\"success\",\"status\":200,\"action\":\"POST /raft/leadership/transfer\",\"subject\":\"test-admin\"",
            "\"event\":\"admin\",\"outcome\":\"success\",\"status\":200,\"action\":\"POST /cache/invalidate\",\"subject\":\"test-admin\"",
            "\"action\":\"POST /queues/audit-q/purge\",\"subject\":\"test-admin\",\"name\":\"audit-q\"",
            "\"event\":\"authorization\",\"outcome\":\"denied\",\"status\":403,\"action\":\"GET /raft/log\",\"subject\":\"test-reader\"",
            "\"event\":\"authorization\",\"outcome\":\"denied\",\"status\":403,\"action\":\"GET /locks/elsewhere\",\"subject\":\"test-reader\",\"name\":\"elsewhere\"",
            "\"event\":\"authentication\",\"outcome\":\"denied\",\"status\":401,\"action\":\"GET /status\"");
    Eventually.eventually(
        Duration.ofSeconds(10),
        "the audit log " + audit + " holds every line of the session",
        () -> {
          try {
            String text = Files.exists(audit) ? Files.readString(audit) : "";
            return expected.stream().allMatch(text::contains);
          } catch (IOException e) {
            return false;
          }
        });
    String text = Files.readString(audit);
    assertThat(text).doesNotContain(admin).doesNotContain(reader).doesNotContain("eyJ");
    for (String line : text.split("\n")) {
      assertThat(line).startsWith("{\"time\":").endsWith("}");
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
  }

  private static java.util.concurrent.CompletableFuture<WebSocket> open(URI uri, SSLContext ssl) {
    return open(uri, ssl, "test-secret");
  }

  private static java.util.concurrent.CompletableFuture<WebSocket> openWithout(
      URI uri, SSLContext ssl) {
    return open(uri, ssl, null);
  }

  private static java.util.concurrent.CompletableFuture<WebSocket> open(
      URI uri, SSLContext ssl, String secret) {
    WebSocket.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(ssl)
            .build()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5));
    if (secret != null) {
      b.header("X-Cluster-Secret", secret);
    }
    return b.buildAsync(uri, new WebSocket.Listener() {});
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
