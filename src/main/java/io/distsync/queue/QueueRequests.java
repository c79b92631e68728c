package io.distsync.queue;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import io.distsync.queue.QueueStore.NewMessage;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks and reads queue requests. Rule (contract, General): missing or out-of-range fields, wrong
 * types and bad names are 400 {@code INVALID_REQUEST}, a payload over 256 KiB is 413 {@code
 * PAYLOAD_TOO_LARGE}; never a 500 for bad input.
 */
final class QueueRequests {
  private QueueRequests() {}

  static String queueName(String queue) {
    if (queue == null || !Limits.NAME.matcher(queue).matches()) {
      throw ApiException.invalid(
          "queue name must be 1 to 256 characters of letters, digits and . _ : / -");
    }
    return queue;
  }

  /** The body as an object, or 400. */
  static JsonObject object(JsonValue body) {
    if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
      throw ApiException.invalid("the body must be a JSON object with payload or messages");
    }
    return body.asJsonObject();
  }

  /** The messages of {@code {payload, ...}} or {@code {messages: [...]}}. */
  static List<NewMessage> produce(JsonObject body) {
    if (body == null) {
      throw ApiException.invalid("the body must be a JSON object with payload or messages");
    }
    if (!body.containsKey("messages")) {
      return List.of(message(body, ""));
    }
    JsonValue list = body.get("messages");
    if (list.getValueType() != JsonValue.ValueType.ARRAY) {
      throw ApiException.invalid("messages must be an array");
    }
    var array = list.asJsonArray();
    if (array.isEmpty() || array.size() > Limits.MAX_BATCH) {
      throw ApiException.invalid("messages must hold 1 to " + Limits.MAX_BATCH + " messages");
    }
    List<NewMessage> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonValue v = array.get(i);
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw ApiException.invalid("messages[" + i + "] must be an object");
      }
      out.add(message(v.asJsonObject(), "messages[" + i + "]."));
    }
    return out;
  }

  private static NewMessage message(JsonObject o, String where) {
    if (!o.containsKey("payload")) {
      throw ApiException.invalid(where + "payload is required (any JSON value)");
    }
    String payload = o.get("payload").toString();
    if (payload.length() > Limits.MAX_PAYLOAD_BYTES / 3
        && payload.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PAYLOAD_BYTES) {
      throw new ApiException(
          ErrorCode.PAYLOAD_TOO_LARGE, where + "payload is larger than 256 KiB (262144 bytes)");
    }
    String key = optString(o, "key", where);
    if (key != null && !Limits.NAME.matcher(key).matches()) {
      throw ApiException.invalid(
          where + "key must be 1 to 256 characters of letters, digits and . _ : / -");
    }
    String dedup = optString(o, "deduplicationId", where);
    if (dedup != null && !isPrintable(dedup, Limits.MAX_DEDUP_ID_LENGTH)) {
      throw ApiException.invalid(
          where + "deduplicationId must be 1 to 256 characters, no control characters");
    }
    int priority = (int) optLong(o, "priority", where, Limits.MIN_PRIORITY, Limits.MAX_PRIORITY, 0);
    long delay = optLong(o, "delayMs", where, 0, Limits.MAX_DELAY_MS, 0);
    return new NewMessage(payload, key, priority, dedup, delay);
  }

  static String consumer(String consumer) {
    if (consumer == null || !isPrintable(consumer, Limits.MAX_CONSUMER_LENGTH)) {
      throw ApiException.invalid(
          "consumer is required: 1 to 256 characters, no control characters");
    }
    return consumer;
  }

  static int range(Integer value, String name, int min, int max, int dflt) {
    return (int) range(value == null ? null : value.longValue(), name, min, max, dflt);
  }

  static long range(Long value, String name, long min, long max, long dflt) {
    if (value == null) {
      return dflt;
    }
    if (value < min || value > max) {
      throw ApiException.invalid(name + " must be between " + min + " and " + max);
    }
    return value;
  }

  /** The receipts (or ids) of an ack, nack or redrive: 1 to 1000 non-empty strings. */
  static List<String> list(List<String> values, String name, boolean required) {
    if (values == null || values.isEmpty()) {
      if (required) {
        throw ApiException.invalid(name + " must hold 1 to " + Limits.MAX_LIST + " strings");
      }
      return List.of();
    }
    if (values.size() > Limits.MAX_LIST) {
      throw ApiException.invalid(name + " must hold at most " + Limits.MAX_LIST + " strings");
    }
    for (String v : values) {
      if (v == null || v.isEmpty() || v.length() > Limits.MAX_RECEIPT_LENGTH) {
        throw ApiException.invalid(
            name + " must be non-empty strings of at most " + Limits.MAX_RECEIPT_LENGTH + " chars");
      }
    }
    return values;
  }

  private static String optString(JsonObject o, String name, String where) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw ApiException.invalid(where + name + " must be a string");
    }
    return s.getString();
  }

  private static long optLong(
      JsonObject o, String name, String where, long min, long max, long dflt) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return dflt;
    }
    String rule = where + name + " must be an integer between " + min + " and " + max;
    if (!(v instanceof JsonNumber n)) {
      throw ApiException.invalid(rule);
    }
    BigDecimal d = n.bigDecimalValue();
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw ApiException.invalid(rule);
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException notIntegral) {
      throw ApiException.invalid(rule);
    }
  }

  private static boolean isPrintable(String s, int maxLength) {
    if (s.isEmpty() || s.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
