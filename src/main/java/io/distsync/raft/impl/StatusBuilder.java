package io.distsync.raft.impl;

import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftStatus;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link RaftStatus} snapshot published after every task. */
final class StatusBuilder {
  private StatusBuilder() {}

  static RaftStatus build(RaftNodeImpl node) {
    List<RaftStatus.MemberStatus> members = new ArrayList<>();
    long now = node.now();
    for (RaftMember m : node.log.membership().members()) {
      FollowerProgress p =
          node.state.leader == null ? null : node.state.leader.followers.get(m.id());
      if (m.id().equals(node.id) && node.state.isLeader()) {
        members.add(
            new RaftStatus.MemberStatus(
                m.id(),
                m.address(),
                m.voter(),
                node.durability.durableIndex(),
                node.log.lastIndex() + 1,
                0));
      } else if (p != null) {
        members.add(
            new RaftStatus.MemberStatus(
                m.id(), m.address(), m.voter(), p.matchIndex, p.nextIndex, now - p.lastContact));
      } else {
        members.add(new RaftStatus.MemberStatus(m.id(), m.address(), m.voter(), 0, 0, -1));
      }
    }
    return new RaftStatus(
        node.id,
        node.publicRole(),
        node.state.currentTerm,
        node.state.leaderId,
        node.state.commitIndex,
        node.state.lastApplied,
        node.log.lastIndex(),
        node.log.lastTerm(),
        node.log.snapshotIndex(),
        node.durability.durableIndex(),
        members);
  }
}
