package io.distsync.cluster.raft;

import io.distsync.cluster.raft.model.LeaderView;
import io.distsync.cluster.raft.model.LogEntryView;
import io.distsync.cluster.raft.model.MemberView;
import io.distsync.cluster.raft.model.StatusView;
import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.RaftStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Turns the engine's status and log into the JSON records of {@code /raft}. */
final class RaftViews {
  private RaftViews() {}

  static StatusView status(RaftStatus s) {
    List<MemberView> members =
        s.members().stream()
            .map(
                m ->
                    new MemberView(
                        m.id(),
                        m.address(),
                        m.voter(),
                        m.matchIndex(),
                        m.nextIndex(),
                        m.lastContactMs()))
            .toList();
    return new StatusView(
        s.nodeId(),
        s.role().name(),
        s.term(),
        s.leaderId(),
        s.commitIndex(),
        s.lastApplied(),
        s.lastLogIndex(),
        s.snapshotIndex(),
        members);
  }

  static LeaderView leader(RaftStatus s, Optional<String> leaderUrl) {
    return new LeaderView(
        s.leaderId(), leaderUrl.orElse(null), s.term(), s.nodeId(), s.role().name());
  }

  static List<MemberView> members(Membership m, RaftStatus s) {
    return m.members().stream()
        .map(
            member -> {
              var progress =
                  s.members().stream().filter(p -> p.id().equals(member.id())).findFirst();
              return new MemberView(
                  member.id(),
                  member.address(),
                  member.voter(),
                  progress.map(RaftStatus.MemberStatus::matchIndex).orElse(0L),
                  progress.map(RaftStatus.MemberStatus::nextIndex).orElse(0L),
                  progress.map(RaftStatus.MemberStatus::lastContactMs).orElse(-1L));
            })
        .toList();
  }

  static LogEntryView entry(LogEntry e) {
    String command =
        e.type() == EntryType.CONFIGURATION
            ? Membership.decode(e.payload()).members().toString()
            : new String(e.payload(), StandardCharsets.UTF_8);
    return new LogEntryView(e.index(), e.term(), e.type().name(), command);
  }
}
