package io.distsync.cluster.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.cluster.channel.MalformedFrameException;
import io.distsync.cluster.channel.WireIn;
import io.distsync.cluster.channel.WireOut;
import io.distsync.cluster.raft.ChannelTransport.RaftOutbound;
import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.message.AppendEntriesRequest;
import io.distsync.raft.message.AppendEntriesResponse;
import io.distsync.raft.message.InstallSnapshotRequest;
import io.distsync.raft.message.InstallSnapshotResponse;
import io.distsync.raft.message.PreVoteRequest;
import io.distsync.raft.message.PreVoteResponse;
import io.distsync.raft.message.RaftMessage;
import io.distsync.raft.message.ReadIndexRequest;
import io.distsync.raft.message.ReadIndexResponse;
import io.distsync.raft.message.TimeoutNow;
import io.distsync.raft.message.VoteRequest;
import io.distsync.raft.message.VoteResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaftCodecTest {

  private static final List<RaftMessage> ONE_OF_EACH =
      List.of(
          new PreVoteRequest(4, "node1", 10, 3),
          new PreVoteResponse(4, "node2", true),
          new VoteRequest(5, "node1", 10, 3, true),
          new VoteResponse(5, "node3", false),
          new AppendEntriesRequest(
              5,
              "node1",
              10,
              3,
              List.of(
                  new LogEntry(11, 5, EntryType.NOOP, new byte[0]),
                  new LogEntry(
                      12, 5, EntryType.COMMAND, "@1 lock:{}".getBytes(StandardCharsets.UTF_8)),
                  new LogEntry(13, 5, EntryType.CONFIGURATION, new byte[] {1, 2, 3})),
              9,
              77),
          new AppendEntriesRequest(5, "node1", 13, 5, List.of(), 13, 78),
          new AppendEntriesResponse(5, "node2", true, 13, 0, 0, 78),
          new AppendEntriesResponse(5, "node3", false, 0, 4, 2, 78),
          new InstallSnapshotRequest(
              6, "node1", 100, 6, new byte[] {9}, 0, new byte[70000], true, 3),
          new InstallSnapshotResponse(6, "node2", 100, 70000, true, true, 3),
          new TimeoutNow(6, "node1"),
          new ReadIndexRequest(6, "node2", 42),
          new ReadIndexResponse(6, "node1", 42, true, 100, null),
          new ReadIndexResponse(6, "node1", 43, false, 0, "node3"));

  private static byte[] encode(RaftMessage m) {
    WireOut out = new WireOut(16);
    RaftCodec.encode(m, out);
    return out.toByteArray();
  }

  @Test
  void when_anyMessageIsEncoded_then_itDecodesToAnEqualMessage() {
    for (RaftMessage m : ONE_OF_EACH) {
      RaftMessage back = RaftCodec.decode(new WireIn(encode(m)));
      assertThat(back).usingRecursiveComparison().isEqualTo(m);
    }
  }

  @Test
  void when_aMessageIsCutAtAnyByte_then_itIsRefusedAsMalformed() {
    for (RaftMessage m : ONE_OF_EACH) {
      byte[] whole = encode(m);
      for (int cut = 0; cut < Math.min(whole.length, 200); cut++) {
        byte[] part = java.util.Arrays.copyOf(whole, cut);
        assertThatThrownBy(() -> RaftCodec.decode(new WireIn(part)))
            .as("%s cut after %d bytes", m.getClass().getSimpleName(), cut)
            .isInstanceOf(MalformedFrameException.class);
      }
    }
  }

  @Test
  void when_anAppendIsBinary_then_itIsFarSmallerThanJson() {
    AppendEntriesRequest heartbeat = new AppendEntriesRequest(5, "node1", 13, 5, List.of(), 13, 78);

    assertThat(encode(heartbeat).length).isLessThan(20);
  }

  @Test
  void when_successfulAnswersOfOneTermQueueUp_then_theyMergeIntoTheHighest() {
    RaftOutbound a = new RaftOutbound(new AppendEntriesResponse(5, "node2", true, 13, 0, 0, 78));
    RaftOutbound b = new RaftOutbound(new AppendEntriesResponse(5, "node2", true, 12, 0, 0, 80));

    RaftOutbound merged = (RaftOutbound) a.mergeWith(b);

    assertThat(merged.message())
        .isEqualTo(new AppendEntriesResponse(5, "node2", true, 13, 0, 0, 80));
  }

  @Test
  void when_anAnswerIsARejectionOrOfAnotherTerm_then_nothingMerges() {
    RaftOutbound ok = new RaftOutbound(new AppendEntriesResponse(5, "node2", true, 13, 0, 0, 78));

    assertThat(
            ok.mergeWith(
                new RaftOutbound(new AppendEntriesResponse(5, "node2", false, 0, 4, 2, 79))))
        .isNull();
    assertThat(
            ok.mergeWith(
                new RaftOutbound(new AppendEntriesResponse(6, "node2", true, 14, 0, 0, 1))))
        .isNull();
    assertThat(ok.mergeWith(new RaftOutbound(new VoteResponse(5, "node2", true)))).isNull();
  }
}
