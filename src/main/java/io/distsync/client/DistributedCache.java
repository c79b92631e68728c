package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * The cluster's coherent cache: values are any JSON that Jackson maps. A read returns an {@link
 * Optional}: empty when the key has no value (404), or when the stored value is JSON {@code null}.
 */
public final class DistributedCache {
  private final Transport transport;

  DistributedCache(Transport transport) {
    this.transport = transport;
  }

  /** The value of {@code key} mapped to {@code type}, or empty when it has none. */
  public <T> Optional<T> get(String key, Class<T> type) {
    Transport.Reply r = send("GET", key, null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    check(r);
    JsonNode value = r.body().path("value");
    return value.isNull() || value.isMissingNode()
        ? Optional.empty()
        : Optional.ofNullable(Json.convert(value, type));
  }

  /** Stores {@code value} under {@code key}; answers the write's version. */
  public long put(String key, Object value) {
    return put(key, value, null);
  }

  /** Stores {@code value} for {@code ttl} (null: no expiry); answers the write's version. */
  public long put(String key, Object value, Duration ttl) {
    ObjectNode body = Json.object();
    body.set("value", Json.tree(value));
    if (ttl != null) {
      body.put("ttlMs", ttl.toMillis());
    }
    Transport.Reply r = send("PUT", key, body);
    check(r);
    return r.body().path("version").asLong();
  }

  /** Removes {@code key} from every node and from Redis (no error when it had no value). */
  public void delete(String key) {
    check(send("DELETE", key, null));
  }

  /** Drops every node's copy of {@code key}; Redis keeps the value. */
  public void invalidate(String key) {
    ObjectNode body = Json.object();
    body.put("key", key);
    try {
      transport.call("POST", "/cache/invalidate", body);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private Transport.Reply send(String method, String key, Object body) {
    try {
      return transport.send(method, "/cache/" + key, body, Duration.ZERO, transport.deadline());
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private static void check(Transport.Reply r) {
    if (r.status() >= 400) {
      throw Errors.of(r.status(), r.body().toString());
    }
  }

  private static DistSyncException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new DistSyncException("INTERRUPTED", 0, "interrupted", e);
  }
}
