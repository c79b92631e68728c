package io.distsync.raft.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.RaftConfig;
import io.distsync.raft.RaftListener;
import io.distsync.raft.RaftStatus;
import io.distsync.raft.sim.SimCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GroupCommitAndIntrospectionTest extends Scenario {

  @Test
  void when_proposalsArriveTogether_then_theyShareOneBatchAndFewSyncs() {
    start(81, 3, RaftConfig.defaults());
    write("warm", "up");
    List<Integer> batches = new ArrayList<>();
    List<Long> rtts = new ArrayList<>();
    List<Long> latencies = new ArrayList<>();
    cluster.addListener(
        new RaftListener() {
          @Override
          public void onEntriesPerBatch(String nodeId, int entries) {
            batches.add(entries);
          }

          @Override
          public void onAppendEntriesRoundTrip(String nodeId, String followerId, long millis) {
            rtts.add(millis);
          }

          @Override
          public void onProposalLatency(String nodeId, long millis) {
            latencies.add(millis);
          }
        });
    // Restart all so the nodes pick up the extra listener.
    for (SimCluster.SimNode n : cluster.nodes()) {
      cluster.crash(n.id, false);
    }
    cluster.startAll();
    write("again", "up");
    SimCluster.SimNode l = leader();
    long syncsBefore = l.store().syncCount();
    List<CompletableFuture<Object>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(client.put(l.raft(), "k" + i, "v" + i));
    }
    eventually(2_000, "all 20 applied", () -> fs.stream().allMatch(CompletableFuture::isDone));
    fs.forEach(f -> assertThat(f).isCompletedWithValue("OK"));
    assertThat(batches).contains(20);
    assertThat(l.store().syncCount() - syncsBefore)
        .as("one sync for the whole batch")
        .isLessThanOrEqualTo(2);
    assertThat(rtts).isNotEmpty();
    assertThat(latencies).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void when_statusAndLogAreQueried_then_theyDescribeReplicationProgress() {
    start(82, 3, RaftConfig.defaults());
    write("a", "1");
    write("b", "2");
    SimCluster.SimNode l = leader();
    eventually(
        1_000,
        "followers match the leader",
        () ->
            l.status().members().stream()
                .allMatch(m -> m.matchIndex() >= l.status().lastLogIndex()));
    RaftStatus s = l.status();
    assertThat(s.members()).hasSize(3);
    assertThat(s.commitIndex()).isEqualTo(s.lastLogIndex());
    CompletableFuture<List<LogEntry>> log = l.raft().logEntries(1, 10);
    eventually(100, "log read", log::isDone);
    assertThat(log.join())
        .extracting(LogEntry::type)
        .containsExactly(EntryType.NOOP, EntryType.COMMAND, EntryType.COMMAND);
    RaftStatus f = followers().get(0).status();
    assertThat(f.leaderId()).isEqualTo(l.id);
    assertThat(f.members()).allMatch(m -> m.lastContactMs() == -1);
  }
}
