package io.distsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Maps an error answer, {@code {"error": CODE, "message": ...}}, to the client's exceptions. */
final class Errors {
  private Errors() {}

  static DistSyncException of(int status, String body) {
    JsonNode json = Json.read(body);
    String code = json.path("error").asText("HTTP_" + status);
    String message = json.path("message").asText(body == null ? "" : body);
    switch (code) {
      case "LOCK_CONFLICT":
        return new LockConflictException(code, status, message);
      case "DEADLOCK":
        List<String> cycle = new ArrayList<>();
        json.path("cycle").forEach(n -> cycle.add(n.asText()));
        return new DeadlockException(code, status, message, cycle);
      case "NOT_HELD":
      case "STALE_TOKEN":
        return new NotHeldException(code, status, message);
      case "NO_QUORUM":
        return new NoQuorumException(code, status, message);
      default:
        return new DistSyncException(code, status, message);
    }
  }
}
