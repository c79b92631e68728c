package io.distsync.cache;

import io.distsync.error.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Checks what clients send, per the contract: a key is 1 to 256 characters of {@code
 * [A-Za-z0-9._:/-]}; a PUT body is {@code {value, ttlMs?}} with any JSON value and a ttlMs from 1
 * ms to 366 days. Anything else is 400 {@code INVALID_REQUEST}.
 */
final class CacheRequests {
  static final int MAX_KEY = 256;
  static final long MAX_TTL_MS = 366L * 24 * 3600 * 1000;

  private CacheRequests() {}

  /** A PUT body: the value as compact JSON text, and the ttl (0: none). */
  record PutBody(String json, long ttlMs) {}

  static String key(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
      throw ApiException.invalid("key must be 1 to " + MAX_KEY + " characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '/'
              || c == '-';
      if (!ok) {
        throw ApiException.invalid("key may only contain letters, digits and . _ : / -");
      }
    }
    return key;
  }

  /** A key, or "*" (every key), for {@code POST /cache/invalidate}. */
  static String keyOrAll(String key) {
    return "*".equals(key) ? key : key(key);
  }

  /**
   * One reader factory for the node: {@code Json.createReader} looks the JSON provider up again on
   * every call (a class-path resource search, seen in the profile of a hot key's writes).
   */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(java.util.Map.of());

  static PutBody putBody(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.invalid("the body must be a JSON object {\"value\": ..., \"ttlMs\"?: n}");
    }
    JsonValue parsed;
    try (JsonReader reader = READERS.createReader(new StringReader(body))) {
      parsed = reader.readValue();
    } catch (JsonException | IllegalStateException e) {
      throw ApiException.invalid("Malformed JSON body: " + firstLine(e.getMessage()));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.invalid("the body must be a JSON object {\"value\": ..., \"ttlMs\"?: n}");
    }
    if (!object.containsKey("value")) {
      throw ApiException.invalid("value is required");
    }
    long ttl = 0;
    JsonValue t = object.get("ttlMs");
    if (t != null && t.getValueType() != JsonValue.ValueType.NULL) {
      if (!(t instanceof JsonNumber n) || !n.isIntegral()) {
        throw ApiException.invalid("ttlMs must be a whole number of milliseconds");
      }
      if (n.bigDecimalValue().compareTo(java.math.BigDecimal.ONE) < 0
          || n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(MAX_TTL_MS)) > 0) {
        throw ApiException.invalid("ttlMs must be between 1 and " + MAX_TTL_MS);
      }
      ttl = n.longValue();
    }
    return new PutBody(object.get("value").toString(), ttl);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "not JSON";
    }
    String line = message.lines().findFirst().orElse(message);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  /**
   * {@code GET /cache/{key}}'s body, written by hand: the value is already JSON text, and a hit
   * should cost no serializer.
   */
  static String readJson(String key, String valueJson, long version, String state, String source) {
    return new StringBuilder(64 + key.length() + valueJson.length())
        .append("{\"key\":\"")
        .append(key) // only [A-Za-z0-9._:/-]: nothing to escape
        .append("\",\"value\":")
        .append(valueJson)
        .append(",\"version\":")
        .append(version)
        .append(",\"state\":\"")
        .append(state)
        .append("\",\"source\":\"")
        .append(source)
        .append("\"}")
        .toString();
  }
}
