package io.distsync.raft;

import java.util.Objects;

/**
 * A member of the group.
 *
 * @param id unique, stable id (for example {@code node1})
 * @param address how the transport reaches it (for example {@code http://host:8001}); opaque to the
 *     engine
 * @param voter true for a voting member, false for a learner that receives the log but does not
 *     vote
 */
public record RaftMember(String id, String address, boolean voter) {
  public RaftMember {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    if (id.isBlank()) {
      throw new IllegalArgumentException("member id must not be blank");
    }
  }
}
