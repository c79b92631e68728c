package io.distsync.queue;

import java.util.List;

/**
 * The Redis keys of one partition of a queue. All share the hash tag {@code {queue:partition}}, so
 * a partition's keys stay together, and a message's fields live in {@code <prefix>:m:<seq>}. Two
 * keys are per shard, not per partition: the name index ({@link #NAMES}) and the due index ({@link
 * #DUE}); the scripts that keep them touch them in the same atomic step, which a shard allows
 * because shards are standalone Redis servers (or primaries with replicas), not a Redis Cluster.
 *
 * @param prefix {@code dsq:{<queue>:<partition>}}
 */
record PartitionKeys(String prefix) {
  /**
   * The queue names, on every shard that stores one of their partitions: a sorted set (score 0), so
   * that a listing reads one page in name order ({@code ZRANGEBYLEX}).
   */
  static final String NAMES = "dsq:names";

  /**
   * The partitions with background work ahead: a sorted set of partition prefixes by the time their
   * earliest delayed message or visibility deadline is due. The background work reads only what is
   * due, so idle queues cost nothing per pass.
   */
  static final String DUE = "dsq:due";

  /** The name set of earlier versions (a plain set, no due index): moved over at start. */
  static final String LEGACY_NAMES = "dsq:queues";

  static PartitionKeys of(String queue, int partition) {
    return new PartitionKeys("dsq:{" + queue + ":" + partition + "}");
  }

  /** A partition named by its prefix (as the due index holds it), or null if it is not one. */
  static Named parse(String prefix) {
    if (!prefix.startsWith("dsq:{") || !prefix.endsWith("}")) {
      return null;
    }
    int colon = prefix.lastIndexOf(':');
    if (colon <= 5) {
      return null;
    }
    try {
      int p = Integer.parseInt(prefix.substring(colon + 1, prefix.length() - 1));
      return new Named(prefix.substring(5, colon), p);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A partition by queue name and number. */
  record Named(String queue, int partition) {}

  /** Ready messages (sequence numbers) by score: priority first, then produce order. */
  String ready() {
    return prefix + ":ready";
  }

  /** Delayed messages by due time. */
  String delayed() {
    return prefix + ":delayed";
  }

  /** Deliveries ({@code seq.token}) by visibility deadline. */
  String inFlight() {
    return prefix + ":inflight";
  }

  /** Dead letters by the time they died. */
  String dead() {
    return prefix + ":dead";
  }

  /** Sequence counter and totals (produced, acked, deadLettered, redriven). */
  String meta() {
    return prefix + ":meta";
  }

  List<String> all() {
    return List.of(ready(), delayed(), inFlight(), dead(), meta());
  }

  /** {@link #all()} and the shard's due index, for the scripts that keep it. */
  List<String> allWithDue() {
    return List.of(ready(), delayed(), inFlight(), dead(), meta(), DUE);
  }
}
