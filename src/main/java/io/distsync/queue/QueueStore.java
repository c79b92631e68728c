package io.distsync.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The queue's data in Redis, one partition at a time: every operation is one Lua script call (see
 * {@code src/main/resources/io/distsync/queue/*.lua}), hence atomic. Plain Java, no CDI, so a test
 * can drive it against a real redis-server directly.
 */
final class QueueStore {
  private static final LuaScript PRODUCE = LuaScript.load("produce");
  private static final LuaScript CONSUME = LuaScript.load("consume", "ack_receipts");
  private static final LuaScript ACK = LuaScript.load("ack", "ack_receipts");
  private static final LuaScript NACK = LuaScript.load("nack");
  private static final LuaScript EXTEND = LuaScript.load("extend");
  private static final LuaScript REDRIVE = LuaScript.load("redrive");
  private static final LuaScript DEAD_LETTERS = LuaScript.load("dead_letters");
  private static final LuaScript STATS = LuaScript.load("stats");
  private static final LuaScript DUE = LuaScript.load("due");
  private static final LuaScript PURGE = LuaScript.load("purge");

  /** A message to enqueue; {@code key} and {@code dedupId} may be null. */
  record NewMessage(String payload, String key, int priority, String dedupId, long delayMs) {}

  /**
   * Outcome of a produce: how many were new (not duplicates), and each message's seq; {@code
   * refused} when the shard already holds the most queues allowed and this one is new.
   */
  record Produced(int added, List<Long> seqs, boolean refused) {}

  /** Partitions whose background work is due, by Redis's clock {@code now}. */
  record Due(long now, List<DueEntry> entries) {}

  /** A partition in the due index and the time its work fell due. */
  record DueEntry(String prefix, long dueAt) {}

  /** One delivery: {@code receipt} is partition-local ({@code seq.token}). */
  record Delivery(
      long seq,
      String receipt,
      int deliveries,
      String payload,
      String key,
      int priority,
      long producedAt) {}

  /**
   * What a consume (or a background pass, {@code max} 0) did; {@code ackedProducedAt} holds the
   * produce time of each message its receipts acked first.
   */
  record Consumed(
      int released,
      int reclaimed,
      int deadLettered,
      long now,
      List<Long> ackedProducedAt,
      List<Delivery> messages) {}

  record Acked(int acked, List<Long> producedAt) {}

  record Nacked(int nacked, int deadLettered) {}

  record DeadLetter(
      long seq,
      long deadLetteredAt,
      String payload,
      String key,
      int priority,
      int deliveries,
      long producedAt) {}

  record Stats(long ready, long delayed, long inFlight, long dead, long produced, long acked) {
    static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0);

    Stats plus(Stats o) {
      return new Stats(
          ready + o.ready,
          delayed + o.delayed,
          inFlight + o.inFlight,
          dead + o.dead,
          produced + o.produced,
          acked + o.acked);
    }
  }

  /**
   * Stores the messages in one partition; the queue joins the shard's name index unless it holds
   * {@code maxQueues} names already (0: no cap), in which case nothing is stored.
   */
  Produced produce(
      UnifiedJedis redis,
      PartitionKeys keys,
      String queue,
      int maxQueues,
      List<NewMessage> messages) {
    List<String> args = new ArrayList<>(5 + messages.size() * 5);
    args.add(keys.prefix());
    args.add(String.valueOf(Limits.DEDUP_WINDOW_MS));
    args.add(String.valueOf(messages.size()));
    args.add(queue);
    args.add(String.valueOf(maxQueues));
    for (NewMessage m : messages) {
      args.add(m.dedupId() == null ? "" : m.dedupId());
      args.add(m.key() == null ? "" : m.key());
      args.add(String.valueOf(m.priority()));
      args.add(String.valueOf(m.delayMs()));
      args.add(m.payload());
    }
    List<?> r =
        (List<?>)
            PRODUCE.runAcked(
                redis,
                List.of(
                    keys.ready(),
                    keys.delayed(),
                    keys.meta(),
                    PartitionKeys.NAMES,
                    PartitionKeys.DUE),
                args);
    long added = num(r.get(0));
    if (added < 0) {
      return new Produced(0, List.of(), true);
    }
    List<Long> seqs = new ArrayList<>(messages.size());
    for (int i = 1; i < r.size(); i++) {
      seqs.add(num(r.get(i)));
    }
    return new Produced((int) added, seqs, false);
  }

  /**
   * Acks the partition-local {@code receipts} (may be empty), runs the partition's background work
   * (release due delayed messages, reclaim expired deliveries, dead-letter the exhausted ones, at
   * most {@code limit} of each), delivers up to {@code max} messages, and sets the partition's
   * entry in the due index to its next due time. One script call.
   */
  Consumed consume(
      UnifiedJedis redis,
      PartitionKeys keys,
      int max,
      long visibilityMs,
      int maxDeliveries,
      String token,
      int limit,
      List<String> receipts) {
    List<String> args = new ArrayList<>(6 + receipts.size());
    args.add(keys.prefix());
    args.add(String.valueOf(max));
    args.add(String.valueOf(visibilityMs));
    args.add(String.valueOf(maxDeliveries));
    args.add(token);
    args.add(String.valueOf(limit));
    args.addAll(receipts);
    // A consume that acks receipts is an acknowledged write and waits for replica acks; a plain
    // consume's move to in-flight does not (rule: at-least-once): losing it in a failover only
    // delivers the message again.
    List<?> r =
        (List<?>)
            (receipts.isEmpty()
                ? CONSUME.run(redis, keys.allWithDue(), args)
                : CONSUME.runAcked(redis, keys.allWithDue(), args));
    int acked = (int) num(r.get(4));
    List<Long> ackedProducedAt = new ArrayList<>(acked);
    for (int i = 5; i < 5 + acked; i++) {
      ackedProducedAt.add(num(r.get(i)));
    }
    int first = 5 + acked;
    List<Delivery> out = new ArrayList<>((r.size() - first) / 7);
    for (int i = first; i + 6 < r.size(); i += 7) {
      String key = str(r.get(i + 4));
      out.add(
          new Delivery(
              num(r.get(i)),
              str(r.get(i + 1)),
              (int) num(r.get(i + 2)),
              str(r.get(i + 3)),
              key.isEmpty() ? null : key,
              (int) num(r.get(i + 5)),
              num(r.get(i + 6))));
    }
    return new Consumed(
        (int) num(r.get(0)),
        (int) num(r.get(1)),
        (int) num(r.get(2)),
        num(r.get(3)),
        ackedProducedAt,
        out);
  }

  Acked ack(UnifiedJedis redis, PartitionKeys keys, List<String> receipts) {
    List<String> args = new ArrayList<>(receipts.size() + 1);
    args.add(keys.prefix());
    args.addAll(receipts);
    List<?> r =
        (List<?>)
            ACK.runAcked(
                redis,
                List.of(keys.inFlight(), keys.meta(), keys.ready(), keys.delayed(), keys.dead()),
                args);
    List<Long> produced = new ArrayList<>(r.size() - 1);
    for (int i = 1; i < r.size(); i++) {
      produced.add(num(r.get(i)));
    }
    return new Acked((int) num(r.get(0)), produced);
  }

  Nacked nack(
      UnifiedJedis redis,
      PartitionKeys keys,
      List<String> receipts,
      long delayMs,
      int maxDeliveries) {
    List<String> args = new ArrayList<>(receipts.size() + 3);
    args.add(keys.prefix());
    args.add(String.valueOf(delayMs));
    args.add(String.valueOf(maxDeliveries));
    args.addAll(receipts);
    List<?> r = (List<?>) NACK.runAcked(redis, keys.allWithDue(), args);
    return new Nacked((int) num(r.get(0)), (int) num(r.get(1)));
  }

  /** Sets the deadline of the deliveries still in flight to now + {@code visibilityMs}. */
  int extend(UnifiedJedis redis, PartitionKeys keys, List<String> receipts, long visibilityMs) {
    List<String> args = new ArrayList<>(receipts.size() + 1);
    args.add(String.valueOf(visibilityMs));
    args.addAll(receipts);
    return (int) num(EXTEND.runAcked(redis, List.of(keys.inFlight()), args));
  }

  /** Moves dead letters back: {@code seqs} when not empty, else the oldest {@code limit}. */
  int redrive(UnifiedJedis redis, PartitionKeys keys, int limit, List<Long> seqs) {
    List<String> args = new ArrayList<>(seqs.size() + 2);
    args.add(keys.prefix());
    args.add(String.valueOf(limit));
    seqs.forEach(s -> args.add(String.valueOf(s)));
    Object r = REDRIVE.runAcked(redis, List.of(keys.ready(), keys.dead(), keys.meta()), args);
    return (int) num(r);
  }

  List<DeadLetter> deadLetters(UnifiedJedis redis, PartitionKeys keys, int limit) {
    List<?> r =
        (List<?>)
            DEAD_LETTERS.run(
                redis, List.of(keys.dead()), List.of(keys.prefix(), String.valueOf(limit)));
    List<DeadLetter> out = new ArrayList<>(r.size() / 7);
    for (int i = 0; i + 6 < r.size(); i += 7) {
      String key = str(r.get(i + 3));
      out.add(
          new DeadLetter(
              num(r.get(i)),
              num(r.get(i + 1)),
              str(r.get(i + 2)),
              key.isEmpty() ? null : key,
              (int) num(r.get(i + 4)),
              (int) num(r.get(i + 5)),
              num(r.get(i + 6))));
    }
    return out;
  }

  Stats stats(UnifiedJedis redis, PartitionKeys keys) {
    List<?> r = (List<?>) STATS.run(redis, keys.all(), List.of());
    return new Stats(
        num(r.get(0)), num(r.get(1)), num(r.get(2)), num(r.get(3)), num(r.get(4)), num(r.get(5)));
  }

  /** Up to {@code limit} partitions of this shard whose background work is due, earliest first. */
  Due due(UnifiedJedis redis, int limit) {
    List<?> r =
        (List<?>) DUE.run(redis, List.of(PartitionKeys.DUE), List.of(String.valueOf(limit)));
    List<DueEntry> out = new ArrayList<>((r.size() - 1) / 2);
    for (int i = 1; i + 1 < r.size(); i += 2) {
      out.add(new DueEntry(str(r.get(i)), num(r.get(i + 1))));
    }
    return new Due(num(r.get(0)), out);
  }

  /**
   * Drops every message of the partition, {@code batch} per script call so that Redis is never held
   * long; with {@code delete} the partition's meta hash goes too. Returns the number dropped.
   */
  long purge(UnifiedJedis redis, PartitionKeys keys, int batch, boolean delete) {
    long dropped = 0;
    List<String> args = List.of(keys.prefix(), String.valueOf(batch), delete ? "delete" : "purge");
    while (true) {
      List<?> r = (List<?>) PURGE.runAcked(redis, keys.allWithDue(), args);
      dropped += num(r.get(0));
      if (num(r.get(1)) == 1) {
        return dropped;
      }
    }
  }

  private static String str(Object o) {
    if (o == null) {
      return "";
    }
    if (o instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return o.toString();
  }

  private static long num(Object o) {
    if (o instanceof Long l) {
      return l;
    }
    String s = str(o);
    if (s.isEmpty()) {
      return 0;
    }
    // A score or time Redis printed as a double ("1.8e12" never appears; "12.0" might).
    return s.indexOf('.') >= 0 || s.indexOf('e') >= 0
        ? (long) Double.parseDouble(s)
        : Long.parseLong(s);
  }
}
