package io.distsync.lock;

import io.distsync.lock.LockCommand.ClientRequest;
import io.distsync.lock.LockResult.Type;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers the lock table gave to requests that carried a client's request id, so that a retry
 * (the client never received the answer) gets the first answer again instead of a second grant, a
 * second release or a release of someone else's grant. Part of the replicated state: written when
 * an entry is applied, kept in snapshots, so a new leader answers a repeat the same way.
 *
 * <p>An acquire that waits is remembered as queued and then as what became of it (granted, or a
 * conflict when its wait ran out), so that a repeat joins the wait or gets its outcome.
 *
 * <p>Bounded in both time and count, decided from the entries alone: an answer is kept for {@link
 * #WINDOW_MS} or the request's lease, whichever is longer, and at most the {@code memory} the entry
 * carries ({@code LOCK_REQUEST_MEMORY}); beyond that the oldest is forgotten first.
 *
 * <p>Plain Java, not thread-safe: used only on the Raft executor, as the table is.
 */
final class RecentRequests {
  /** How long an answer is kept at least, when the count allows (by the log's clock). */
  static final long WINDOW_MS = 600_000;

  /** One remembered answer: what the request was, what it got, and until when it is kept. */
  record Answer(String kind, String resource, LockResult result, long keepUntil) {}

  private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>();

  /** Queued acquires that carried a client's id: the table's request id → the answer's key. */
  private final Map<String, String> waiting = new HashMap<>();

  /**
   * The first answer to {@code owner}'s request {@code c}; {@code null} when none is remembered; a
   * {@code REQUEST_ID_REUSED} refusal when the id was used for another kind of request or lock.
   */
  LockResult repeat(String kind, String resource, String owner, ClientRequest c) {
    Answer a = answers.get(key(owner, c.id()));
    if (a == null) {
      return null;
    }
    if (!a.kind().equals(kind) || !a.resource().equals(resource)) {
      return LockResult.of(
          Type.REQUEST_ID_REUSED,
          resource,
          "requestId " + c.id() + " of " + owner + " was used for another request");
    }
    return a.result();
  }

  /** Keeps {@code result} as the answer to {@code c}, forgetting what is due first. */
  void remember(
      String kind,
      String resource,
      String owner,
      ClientRequest c,
      LockResult result,
      long clock,
      long leaseMs) {
    forget(clock, Math.max(0, c.memory() - 1));
    if (c.memory() <= 0) {
      return;
    }
    String key = key(owner, c.id());
    answers.put(key, new Answer(kind, resource, result, clock + Math.max(WINDOW_MS, leaseMs)));
    if (result.type() == Type.QUEUED) {
      waiting.put(result.requestId(), key);
    }
  }

  /** The queued acquire {@code requestId} was granted or gave up: a repeat now gets that. */
  void settled(String requestId, LockResult outcome) {
    String key = waiting.remove(requestId);
    Answer a = key == null ? null : answers.get(key);
    if (a != null) {
      // Replacing a value keeps the answer's place in the order of forgetting.
      answers.put(key, new Answer(a.kind(), a.resource(), outcome, a.keepUntil()));
    }
  }

  /** Forgets, oldest first, the answers past their time and those beyond {@code keep}. */
  private void forget(long clock, int keep) {
    Iterator<Answer> it = answers.values().iterator();
    while (it.hasNext()) {
      Answer a = it.next();
      if (answers.size() <= keep && a.keepUntil() > clock) {
        return;
      }
      if (a.result().type() == Type.QUEUED) {
        waiting.remove(a.result().requestId());
      }
      it.remove();
    }
  }

  int size() {
    return answers.size();
  }

  Map<String, Answer> answers() {
    return answers;
  }

  Map<String, String> waiting() {
    return waiting;
  }

  void reset(Map<String, Answer> restored, Map<String, String> restoredWaiting) {
    answers.clear();
    answers.putAll(restored);
    waiting.clear();
    waiting.putAll(restoredWaiting);
  }

  private static String key(String owner, String id) {
    // Owners and ids never contain a space (see LockNames and the requestId rule).
    return owner + " " + id;
  }
}
