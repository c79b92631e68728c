package io.distsync.testing;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The public {@code /locks} API of one node for the integration tests. Blocking calls time out
 * after {@link #READ} (plus the wait, for acquires); {@link #acquireAsync} returns at once.
 */
public final class LockApi {
  public static final Duration READ = Duration.ofSeconds(8);

  private final String baseUrl;

  private LockApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static LockApi of(LibertyNode node) {
    return new LockApi(node.url());
  }

  /** The API of the server at {@code baseUrl} (no trailing slash). */
  public static LockApi at(String baseUrl) {
    return new LockApi(baseUrl);
  }

  public static String acquireBody(
      String resource, String owner, String mode, long ttlMs, long waitMs) {
    return String.format(
        "{\"resource\":\"%s\",\"owner\":\"%s\",\"mode\":\"%s\",\"ttlMs\":%d,\"waitMs\":%d}",
        resource, owner, mode, ttlMs, waitMs);
  }

  public Http.Reply acquire(String resource, String owner, String mode, long ttlMs, long waitMs) {
    return Http.sendJson(
        "POST",
        baseUrl + "/locks/acquire",
        acquireBody(resource, owner, mode, ttlMs, waitMs),
        READ.plusMillis(waitMs));
  }

  public Http.Reply acquire(String resource, String owner) {
    return acquire(resource, owner, "exclusive", 30_000, 0);
  }

  /** Sends an acquire and returns at once; the future holds the reply. */
  public CompletableFuture<Http.Reply> acquireAsync(
      String resource, String owner, String mode, long ttlMs, long waitMs) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/locks/acquire"))
            .timeout(READ.plusMillis(waitMs))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    acquireBody(resource, owner, mode, ttlMs, waitMs)))
            .build();
    return Http.client()
        .sendAsync(Http.authorized(request), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Http.Reply(r.statusCode(), r.body(), r));
  }

  public Http.Reply release(String resource, String owner) {
    return Http.sendJson(
        "POST",
        baseUrl + "/locks/release",
        String.format("{\"resource\":\"%s\",\"owner\":\"%s\"}", resource, owner),
        READ);
  }

  public Http.Reply release(String resource, String owner, long token) {
    return Http.sendJson(
        "POST",
        baseUrl + "/locks/release",
        String.format(
            "{\"resource\":\"%s\",\"owner\":\"%s\",\"fencingToken\":%d}", resource, owner, token),
        READ);
  }

  /** A release with its fencing token and a {@code requestId}: a retry releases once. */
  public Http.Reply release(String resource, String owner, long token, String requestId) {
    return Http.sendJson(
        "POST",
        baseUrl + "/locks/release",
        String.format(
            "{\"resource\":\"%s\",\"owner\":\"%s\",\"fencingToken\":%d,\"requestId\":\"%s\"}",
            resource, owner, token, requestId),
        READ);
  }

  public Http.Reply renew(String resource, String owner, long ttlMs) {
    return Http.sendJson(
        "POST",
        baseUrl + "/locks/renew",
        String.format(
            "{\"resource\":\"%s\",\"owner\":\"%s\",\"ttlMs\":%d}", resource, owner, ttlMs),
        READ);
  }

  /** {@code GET /locks/{resource}} as JSON; fails unless 200. */
  public JsonObject lock(String resource) {
    Http.Reply r = Http.get(baseUrl + "/locks/" + resource, READ);
    if (r.status() != 200) {
      throw new AssertionError(
          "GET /locks/" + resource + " answered " + r.status() + " " + r.body());
    }
    return r.json().asJsonObject();
  }

  public JsonObject waitFor() {
    return Http.get(baseUrl + "/locks/wait-for", READ).json().asJsonObject();
  }

  public String url() {
    return baseUrl;
  }
}
