package io.distsync.raft;

import java.util.Objects;

/**
 * A state machine snapshot and what it covers.
 *
 * @param lastIncludedIndex index of the last log entry the snapshot reflects
 * @param lastIncludedTerm term of that entry
 * @param membership the membership in force at {@code lastIncludedIndex}
 * @param data the state machine's serialized state
 */
public record Snapshot(
    long lastIncludedIndex, long lastIncludedTerm, Membership membership, byte[] data) {
  public Snapshot {
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(data, "data");
  }
}
