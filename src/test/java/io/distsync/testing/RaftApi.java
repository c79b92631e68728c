package io.distsync.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The public {@code /raft/*} API of one node, as the integration tests read it: {@code GET
 * /raft/leader}, {@code GET /raft/status}, {@code GET /raft/log}, {@code POST /raft/noop} and the
 * membership calls. Every call has a read timeout; nothing here retries.
 */
public final class RaftApi {
  /** Read timeout of the introspection calls (leader, status, log). */
  public static final Duration READ = Duration.ofSeconds(3);

  private final String baseUrl;

  private RaftApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static RaftApi of(LibertyNode node) {
    return new RaftApi(node.url());
  }

  public static RaftApi of(String baseUrl) {
    return new RaftApi(baseUrl);
  }

  /** {@code GET /raft/leader}. */
  public record Leader(String leaderId, String leaderUrl, long term, String nodeId, String role) {
    public boolean isLeader() {
      return "LEADER".equals(role);
    }
  }

  /** One member as {@code GET /raft/status} lists it. */
  public record Member(
      String id, String url, boolean voter, long matchIndex, long nextIndex, long lastContactMs) {}

  /** {@code GET /raft/status}. */
  public record Status(
      String nodeId,
      String role,
      long term,
      String leaderId,
      long commitIndex,
      long lastApplied,
      long lastLogIndex,
      long snapshotIndex,
      List<Member> members,
      String raw) {
    public List<String> memberIds() {
      return members.stream().map(Member::id).toList();
    }
  }

  /** One entry of {@code GET /raft/log}. */
  public record Entry(long index, long term, String type, String command) {}

  /** The answer to a proposal: status and body, or {@code timedOut} when no answer came in time. */
  public record Outcome(int status, String body, String retryAfter, boolean timedOut) {
    public boolean ok() {
      return status == 200;
    }

    public JsonObject json() {
      try (var r = Json.createReader(new java.io.StringReader(body))) {
        return r.readObject();
      }
    }

    @Override
    public String toString() {
      return timedOut ? "timed out" : status + " " + body;
    }
  }

  public Leader leader() {
    return leader(READ);
  }

  public Leader leader(Duration timeout) {
    Http.Reply r = Http.get(baseUrl + "/raft/leader", timeout);
    JsonObject o = expectObject(r, "/raft/leader");
    return new Leader(
        str(o, "leaderId"), str(o, "leaderUrl"), num(o, "term"), str(o, "nodeId"), str(o, "role"));
  }

  public Status status() {
    Http.Reply r = Http.get(baseUrl + "/raft/status", READ);
    JsonObject o = expectObject(r, "/raft/status");
    List<Member> members = new ArrayList<>();
    JsonArray arr =
        o.containsKey("members") ? o.getJsonArray("members") : JsonValue.EMPTY_JSON_ARRAY;
    for (JsonValue v : arr) {
      JsonObject m = v.asJsonObject();
      members.add(
          new Member(
              str(m, "id"),
              str(m, "url"),
              m.containsKey("voter") && m.getBoolean("voter"),
              num(m, "matchIndex"),
              num(m, "nextIndex"),
              num(m, "lastContactMs")));
    }
    return new Status(
        str(o, "nodeId"),
        str(o, "role"),
        num(o, "term"),
        str(o, "leaderId"),
        num(o, "commitIndex"),
        num(o, "lastApplied"),
        num(o, "lastLogIndex"),
        num(o, "snapshotIndex"),
        List.copyOf(members),
        r.body());
  }

  /** One page of {@code GET /raft/log?from=&limit=}. */
  public List<Entry> logPage(long from, int limit) {
    Http.Reply r = Http.get(baseUrl + "/raft/log?from=" + from + "&limit=" + limit, READ);
    if (r.status() != 200) {
      throw new AssertionError(baseUrl + "/raft/log answered " + r.status() + ": " + r.body());
    }
    List<Entry> page = new ArrayList<>();
    for (JsonValue v : (JsonArray) r.json()) {
      JsonObject e = v.asJsonObject();
      page.add(new Entry(num(e, "index"), num(e, "term"), str(e, "type"), str(e, "command")));
    }
    return page;
  }

  /** The whole log this node still holds from {@code from}, page by page. */
  public List<Entry> log(long from) {
    List<Entry> all = new ArrayList<>();
    long next = from;
    for (int pages = 0; pages < 10_000; pages++) {
      List<Entry> page = logPage(next, 100);
      if (page.isEmpty() && pages == 0) {
        long snapshotIndex = status().snapshotIndex();
        if (next <= snapshotIndex) { // compacted away: start after the snapshot
          next = snapshotIndex + 1;
          page = logPage(next, 100);
        }
      }
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      long last = page.get(page.size() - 1).index();
      if (last < next) {
        throw new AssertionError(baseUrl + "/raft/log went backwards at " + next + ": " + page);
      }
      next = last + 1;
    }
    throw new AssertionError(baseUrl + "/raft/log never ends");
  }

  public List<Entry> log() {
    return log(1);
  }

  /** {@code POST /raft/noop {"tag": tag}}; a timeout is an outcome, not an exception. */
  public Outcome noop(String tag, Duration timeout) {
    String body = Json.createObjectBuilder().add("tag", tag).build().toString();
    return call("POST", "/raft/noop", body, timeout);
  }

  /** {@code POST /raft/members {"id", "url"}}. */
  public Outcome addMember(String id, String url, Duration timeout) {
    String body = Json.createObjectBuilder().add("id", id).add("url", url).build().toString();
    return call("POST", "/raft/members", body, timeout);
  }

  /** {@code DELETE /raft/members/{id}}. */
  public Outcome removeMember(String id, Duration timeout) {
    return call("DELETE", "/raft/members/" + id, null, timeout);
  }

  /** {@code POST /raft/leadership/transfer}: a leader hands over; elsewhere nothing happens. */
  public Outcome transferLeadership(Duration timeout) {
    return call("POST", "/raft/leadership/transfer", null, timeout);
  }

  private Outcome call(String method, String path, String body, Duration timeout) {
    try {
      Http.Reply r = Http.sendJson(method, baseUrl + path, body, timeout);
      return new Outcome(r.status(), r.body(), r.header("Retry-After"), false);
    } catch (java.io.UncheckedIOException e) {
      if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
        return new Outcome(-1, "", null, true);
      }
      return new Outcome(-1, String.valueOf(e.getCause()), null, false);
    }
  }

  private static JsonObject expectObject(Http.Reply r, String what) {
    if (r.status() != 200) {
      throw new AssertionError(what + " answered " + r.status() + ": " + r.body());
    }
    return (JsonObject) r.json();
  }

  private static String str(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return v instanceof JsonString s ? s.getString() : v.toString();
  }

  private static long num(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v instanceof JsonNumber n) {
      return n.longValue();
    }
    return Long.MIN_VALUE; // absent or null: never equal to a real value
  }

  @Override
  public String toString() {
    return baseUrl;
  }
}
