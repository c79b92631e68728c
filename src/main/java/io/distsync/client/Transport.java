package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The HTTP side of the client: one {@link HttpClient}, requests spread round robin over the nodes,
 * and failover. A call moves to the next node on a connection error, a timeout or a 503; once every
 * node has failed in a row it waits (the 503's {@code Retry-After}, or a jittered exponential
 * backoff) before the next round, until the call's deadline. Any other answer ends the call: 2xx is
 * returned, other errors become exceptions at once (they would not change on a retry).
 */
final class Transport {
  /** A node's answer: status, parsed body, the node, and how many attempts the call took. */
  record Reply(int status, JsonNode body, URI node, int attempts) {}

  private static final long BACKOFF_BASE_MS = 100;
  private static final long BACKOFF_CAP_MS = 2_000;

  private final List<String> nodes;
  private final String authorization;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration deadline;
  private final ClientListener listener;
  private final AtomicInteger next = new AtomicInteger();

  Transport(
      List<URI> nodes,
      String token,
      SSLContext ssl,
      Duration connectTimeout,
      Duration requestTimeout,
      Duration deadline,
      ClientListener listener) {
    this.nodes = nodes.stream().map(u -> u.toString().replaceAll("/+$", "")).toList();
    this.authorization = token == null || token.isBlank() ? null : "Bearer " + token.strip();
    HttpClient.Builder b =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.http = b.build();
    this.requestTimeout = requestTimeout;
    this.deadline = deadline;
    this.listener = listener;
  }

  Duration deadline() {
    return deadline;
  }

  /** A call with the client's deadline; every answer of 400 or more becomes an exception. */
  Reply call(String method, String path, Object body) throws InterruptedException {
    return call(method, path, body, Duration.ZERO, deadline);
  }

  /**
   * A call whose server side may take {@code serverWait} (a long poll, a lock wait): each attempt's
   * read timeout is the request timeout plus that wait.
   */
  Reply call(String method, String path, Object body, Duration serverWait, Duration callDeadline)
      throws InterruptedException {
    Reply r = send(method, path, body, serverWait, callDeadline);
    if (r.status() >= 400) {
      throw Errors.of(r.status(), r.body().toString()).afterRetry(r.attempts() > 1);
    }
    return r;
  }

  /** As {@link #call}, but answers below 500 come back as they are (a cache miss is a 404). */
  Reply send(String method, String path, Object body, Duration serverWait, Duration callDeadline)
      throws InterruptedException {
    String json = body == null ? null : Json.write(body);
    long end = System.nanoTime() + callDeadline.toNanos();
    int start = Math.floorMod(next.getAndIncrement(), nodes.size());
    int failures = 0;
    long roundRetryAfterMs = 0;
    String lastBody = null;
    Throwable lastError = null;
    for (int attempt = 0; ; attempt++) {
      String node = nodes.get((start + attempt) % nodes.size());
      long remaining = end - System.nanoTime();
      if (remaining <= 0) {
        throw exhausted(method, path, lastBody, lastError);
      }
      Duration read = requestTimeout.plus(serverWait);
      if (read.toNanos() > remaining) {
        read = Duration.ofNanos(Math.max(remaining, 1_000_000));
      }
      URI uri = URI.create(node + path);
      HttpRequest.Builder rb =
          HttpRequest.newBuilder(uri).timeout(read).header("Accept", "application/json");
      if (authorization != null) {
        rb.header("Authorization", authorization);
      }
      if (json != null) {
        rb.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
      } else {
        rb.method(method, HttpRequest.BodyPublishers.noBody());
      }
      long sent = System.nanoTime();
      safe(() -> listener.requestSent(uri, method, path));
      long retryAfterMs = 0;
      String reason;
      try {
        HttpResponse<String> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        safe(() -> listener.requestAnswered(uri, method, path, resp.statusCode(), took));
        if (resp.statusCode() != 503) {
          return new Reply(resp.statusCode(), Json.read(resp.body()), uri, attempt + 1);
        }
        lastBody = resp.body();
        lastError = null;
        reason = Json.read(lastBody).path("error").asText("503");
        retryAfterMs = retryAfterMs(resp);
      } catch (IOException e) {
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        safe(() -> listener.requestFailed(uri, method, path, e, took));
        lastError = e;
        lastBody = null;
        reason = e.getClass().getSimpleName();
      }
      failures++;
      roundRetryAfterMs = Math.max(roundRetryAfterMs, retryAfterMs);
      URI to = URI.create(nodes.get((start + attempt + 1) % nodes.size()) + path);
      String why = reason;
      safe(() -> listener.failover(uri, to, why));
      if (failures % nodes.size() == 0) {
        // A whole round failed: wait before the next one (Retry-After when a node gave one).
        long wait = Math.max(roundRetryAfterMs, backoffMs(failures / nodes.size()));
        roundRetryAfterMs = 0;
        long left = end - System.nanoTime();
        if (wait * 1_000_000 >= left) {
          throw exhausted(method, path, lastBody, lastError);
        }
        Thread.sleep(wait);
      }
    }
  }

  private static long retryAfterMs(HttpResponse<String> resp) {
    try {
      long seconds = Long.parseLong(resp.headers().firstValue("Retry-After").orElse("0").trim());
      long ms = Math.max(0, seconds) * 1000;
      return ms + ThreadLocalRandom.current().nextLong(ms / 5 + 1); // jitter: up to +20 %
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Exponential backoff with full jitter in its upper half: b/2..b, b = min(cap, base*2^k). */
  static long backoffMs(int round) {
    long b = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS << Math.min(round - 1, 10));
    return b / 2 + ThreadLocalRandom.current().nextLong(b / 2 + 1);
  }

  private DistSyncException exhausted(String method, String path, String body, Throwable error) {
    if (body != null) {
      return Errors.of(503, body);
    }
    return new DistSyncException(
        DistSyncException.UNAVAILABLE,
        0,
        method + " " + path + ": no node answered within the deadline",
        error);
  }

  private static void safe(Runnable hook) {
    try {
      hook.run();
    } catch (RuntimeException ignored) {
      // a listener's failure must not fail the call (ClientListener's contract)
    }
  }

  static void notify(Runnable hook) {
    safe(hook);
  }
}
