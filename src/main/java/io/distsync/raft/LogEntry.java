package io.distsync.raft;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of the replicated log.
 *
 * @param index position in the log, starting at 1
 * @param term term of the leader that created the entry
 * @param type what the payload means
 * @param payload opaque bytes (a state machine command, or an encoded {@link Membership} for {@link
 *     EntryType#CONFIGURATION}); never null, empty for {@link EntryType#NOOP}
 */
public record LogEntry(long index, long term, EntryType type, byte[] payload) {

  public LogEntry {
    if (index < 1) {
      throw new IllegalArgumentException("index must be >= 1: " + index);
    }
    if (term < 0) {
      throw new IllegalArgumentException("term must be >= 0: " + term);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
  }

  /** Approximate size on the wire and on disk, used to bound batches. */
  public int sizeInBytes() {
    return payload.length + 24;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry e
        && index == e.index
        && term == e.term
        && type == e.type
        && Arrays.equals(payload, e.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, term, type, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "LogEntry[" + index + "@" + term + " " + type + " " + payload.length + "B]";
  }
}
