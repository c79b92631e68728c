package io.distsync.raft.impl;

import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.RaftMember;
import io.distsync.raft.Snapshot;
import io.distsync.raft.UnsafeRule;
import io.distsync.raft.message.AppendEntriesRequest;
import io.distsync.raft.message.InstallSnapshotRequest;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;

/**
 * Leader side of log replication (§5.3): batched (count and bytes), pipelined (several
 * AppendEntries in flight per follower, one at a time after a rejection), snapshots in chunks for
 * followers behind the log (§7), and commit by counting replicas of current-term entries (§5.4.2).
 */
final class Replicator {
  private final RaftNodeImpl node;

  Replicator(RaftNodeImpl node) {
    this.node = node;
  }

  /** Starts a new heartbeat round (echoed by followers; used by ReadIndex). */
  long newRound() {
    LeaderState ls = node.state.leader;
    ls.round++;
    ls.roundSentAt.put(ls.round, node.now());
    return ls.round;
  }

  void broadcast(boolean heartbeat) {
    for (FollowerProgress p : node.state.leader.followers.values()) {
      send(p, heartbeat);
    }
  }

  /** Heartbeat tick: new round, recover stalled pipelines (lost messages), send to everyone. */
  void onHeartbeatTick() {
    newRound();
    long now = node.now();
    for (FollowerProgress p : node.state.leader.followers.values()) {
      if (!p.inFlight.isEmpty() && now - p.lastProgress > 2 * node.config.heartbeatIntervalMs()) {
        node.log(
            Level.DEBUG,
            "no answer from "
                + p.id
                + " for "
                + p.inFlight.size()
                + " AppendEntries: resending from "
                + (p.matchIndex + 1));
        p.inFlight.clear();
        p.nextIndex = p.matchIndex + 1;
        p.probing = true;
      }
      send(p, true);
    }
  }

  /** Sends what {@code p} needs: a snapshot chunk, entries up to the window, or a heartbeat. */
  void send(FollowerProgress p, boolean heartbeat) {
    RaftLog log = node.log;
    if (p.snapshotInFlight) {
      if (heartbeat && node.now() - p.snapshotSentAt >= 2 * node.config.heartbeatIntervalMs()) {
        sendSnapshotChunk(p); // the chunk or its answer was lost
      }
      return;
    }
    if (p.nextIndex <= log.snapshotIndex()) {
      sendSnapshotChunk(p); // the entries it needs were compacted (§7)
      return;
    }
    boolean sent = false;
    int window = p.probing ? 1 : node.config.maxInFlightAppends();
    while (p.inFlight.size() < window && p.nextIndex <= log.lastIndex()) {
      List<LogEntry> entries =
          log.slice(
              p.nextIndex, node.config.maxEntriesPerAppend(), node.config.maxBytesPerAppend());
      sendAppend(p, p.nextIndex - 1, entries);
      if (p.inFlight.isEmpty()) {
        p.lastProgress = node.now();
      }
      p.inFlight.addLast(entries.get(entries.size() - 1).index());
      sent = true;
      if (p.probing) {
        break; // wait for the answer before sending more
      }
      p.nextIndex = entries.get(entries.size() - 1).index() + 1; // pipelining: optimistic
    }
    if (heartbeat && !sent) {
      if (p.inFlight.isEmpty()) {
        sendAppend(p, p.nextIndex - 1, List.of());
      } else if (p.matchIndex >= log.snapshotIndex()) {
        sendAppend(p, p.matchIndex, List.of()); // does not disturb the entries in flight
      }
    }
  }

  private void sendAppend(FollowerProgress p, long prevIndex, List<LogEntry> entries) {
    RaftState s = node.state;
    p.commitSent = Math.max(p.commitSent, Math.min(s.commitIndex, prevIndex + entries.size()));
    node.send(
        p.id,
        new AppendEntriesRequest(
            s.currentTerm,
            node.id,
            prevIndex,
            node.log.termAt(prevIndex),
            entries,
            s.commitIndex,
            s.leader.round));
  }

  private void sendSnapshotChunk(FollowerProgress p) {
    Snapshot snap = node.log.snapshot();
    if (p.snapshotIndex != snap.lastIncludedIndex()) {
      p.snapshotIndex = snap.lastIncludedIndex();
      p.snapshotOffset = 0;
      node.log(Level.DEBUG, "sending snapshot at " + p.snapshotIndex + " to " + p.id);
    }
    byte[] data = snap.data();
    int offset = (int) Math.min(p.snapshotOffset, data.length);
    int len = Math.min(node.config.snapshotChunkBytes(), data.length - offset);
    boolean done = offset + len >= data.length;
    node.send(
        p.id,
        new InstallSnapshotRequest(
            node.state.currentTerm,
            node.id,
            snap.lastIncludedIndex(),
            snap.lastIncludedTerm(),
            snap.membership().encode(),
            offset,
            Arrays.copyOfRange(data, offset, offset + len),
            done,
            node.state.leader.round));
    p.snapshotInFlight = true;
    p.snapshotSentAt = node.now();
  }

  /** Keeps one progress record per member of the latest membership (except this node). */
  void syncFollowers() {
    LeaderState ls = node.state.leader;
    Membership m = node.log.membership();
    ls.followers.keySet().removeIf(id -> m.member(id).isEmpty());
    for (RaftMember member : m.members()) {
      if (!member.id().equals(node.id) && !ls.followers.containsKey(member.id())) {
        ls.followers.put(
            member.id(), new FollowerProgress(member.id(), node.log.lastIndex() + 1, node.now()));
      }
    }
  }

  /**
   * Advances commitIndex to the highest index stored on a majority of voters, if that entry is of
   * the current term (§5.3, §5.4.2). The leader counts itself only for durable entries.
   */
  void tryCommit() {
    RaftState s = node.state;
    Membership m = node.log.membership();
    List<RaftMember> voters = m.voters();
    long[] matches = new long[voters.size()];
    for (int i = 0; i < voters.size(); i++) {
      String v = voters.get(i).id();
      if (v.equals(node.id)) {
        matches[i] = Math.min(node.durability.durableIndex(), node.log.lastIndex());
      } else {
        FollowerProgress p = s.leader.followers.get(v);
        matches[i] = p == null ? 0 : p.matchIndex;
      }
    }
    Arrays.sort(matches);
    long n = matches[matches.length - m.quorum()];
    if (n <= s.commitIndex) {
      return;
    }
    // Only entries of the current term are committed by counting replicas (§5.4.2).
    if (node.log.termAt(n) == s.currentTerm
        || node.config.breaks(UnsafeRule.COMMIT_PREVIOUS_TERM_BY_COUNTING)) {
      node.applier.commitTo(n);
      announceCommit();
    }
  }

  /**
   * Tells each follower of the new commit index at once instead of with the next append or
   * heartbeat, so that it applies (and answers its own waiters) without waiting for a heartbeat.
   * The notice is an empty AppendEntries from the follower's match index, which does not disturb
   * the entries in flight; followers that cannot learn anything new from it get none.
   */
  private void announceCommit() {
    RaftState s = node.state;
    for (FollowerProgress p : s.leader.followers.values()) {
      long learnable = Math.min(s.commitIndex, p.matchIndex);
      if (learnable > p.commitSent
          && !p.snapshotInFlight
          && p.matchIndex >= node.log.snapshotIndex()) {
        sendAppend(p, p.matchIndex, List.of());
      }
    }
  }
}
