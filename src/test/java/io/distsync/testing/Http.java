package io.distsync.testing;

import io.distsync.security.Role;
import io.distsync.testing.contract.Contract;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP client for tests, with connect and read timeouts; bodies are JSON text. It trusts
 * the test clusters' CA ({@link TestPki#cluster()}) and sends an admin token unless the request has
 * an {@code Authorization} header of its own (a server with {@code AUTH=off} ignores it). Every
 * answer is checked against the server's OpenAPI document ({@link Contract}): one the document does
 * not allow fails the call.
 */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .sslContext(TestPki.cluster().clientContext())
          .build();
  private static final String ADMIN =
      "Bearer " + TestPki.cluster().token(Role.ADMIN, null, Duration.ofDays(1));
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private Http() {}

  /** A response: status, body text and, for JSON bodies, the parsed value. */
  public record Reply(int status, String body, HttpResponse<String> raw) {
    public JsonStructure json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.read();
      }
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public static Reply get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public static Reply send(String method, String url, String contentType, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  public static Reply send(HttpRequest.Builder request) {
    return send(request, READ_TIMEOUT);
  }

  /** GET with a read timeout of its own (a {@link java.net.http.HttpTimeoutException} past it). */
  public static Reply get(String url, Duration timeout) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), timeout);
  }

  /** A JSON request with a read timeout of its own. */
  public static Reply sendJson(String method, String url, String body, Duration timeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b, timeout);
  }

  /** Sends {@code request}, waiting at most {@code timeout} for the response. */
  public static Reply send(HttpRequest.Builder request, Duration timeout) {
    try {
      HttpRequest sent = authorized(request.timeout(timeout).build());
      HttpResponse<String> r = CLIENT.send(sent, HttpResponse.BodyHandlers.ofString());
      Contract.check(sent, r);
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final HttpClient MEMBER =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .sslContext(TestPki.cluster().memberContext())
          .build();

  /** Sends {@code request} as a member would: with the cluster's certificate (for a peer port). */
  public static Reply sendAsMember(HttpRequest.Builder request, Duration timeout) {
    try {
      HttpRequest sent = request.timeout(timeout).build();
      HttpResponse<String> r = MEMBER.send(sent, HttpResponse.BodyHandlers.ofString());
      Contract.check(sent, r);
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The shared client (trusts the test CA); send with {@link #authorized} for the admin token. */
  public static HttpClient client() {
    return CLIENT;
  }

  /** {@code request} with the admin token, unless it has an Authorization header already. */
  public static HttpRequest authorized(HttpRequest request) {
    if (request.headers().firstValue("Authorization").isPresent()) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .header("Authorization", ADMIN)
        .build();
  }

  /** The status of GET {@code url}, or -1 when nothing answers. */
  public static int statusOf(String url) {
    try {
      return get(url).status();
    } catch (UncheckedIOException e) {
      return -1;
    }
  }
}
