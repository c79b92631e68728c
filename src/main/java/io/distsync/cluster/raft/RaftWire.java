package io.distsync.cluster.raft;

import io.distsync.error.ApiException;
import io.distsync.raft.message.RaftMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.BinaryDataStrategy;
import java.util.HashMap;
import java.util.Map;

/**
 * The wire format of Raft messages between nodes: JSON-B of the message records (byte arrays as
 * base64), one HTTP path segment per message type ({@code AppendEntriesRequest}, ...).
 */
final class RaftWire {
  private static final Map<String, Class<?>> TYPES = new HashMap<>();

  static {
    for (Class<?> type : RaftMessage.class.getPermittedSubclasses()) {
      TYPES.put(type.getSimpleName(), type);
    }
  }

  private final Jsonb jsonb =
      JsonbBuilder.create(new JsonbConfig().withBinaryDataStrategy(BinaryDataStrategy.BASE_64));

  String type(RaftMessage message) {
    return message.getClass().getSimpleName();
  }

  String encode(RaftMessage message) {
    return jsonb.toJson(message);
  }

  RaftMessage decode(String type, String json) {
    Class<?> cls = TYPES.get(type);
    if (cls == null) {
      throw ApiException.invalid("unknown Raft message type '" + type + "'");
    }
    try {
      return (RaftMessage) jsonb.fromJson(json, cls);
    } catch (JsonbException | IllegalArgumentException e) {
      throw ApiException.invalid("malformed " + type + ": " + e.getMessage());
    }
  }
}
