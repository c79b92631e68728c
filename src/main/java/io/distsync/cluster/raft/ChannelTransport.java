package io.distsync.cluster.raft;

import io.distsync.cluster.NodeLog;
import io.distsync.cluster.channel.Outbound;
import io.distsync.cluster.channel.PeerChannels;
import io.distsync.cluster.channel.Services;
import io.distsync.cluster.channel.WireOut;
import io.distsync.raft.Transport;
import io.distsync.raft.message.AppendEntriesResponse;
import io.distsync.raft.message.RaftMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Transport} on the peer channel: {@link #send} only queues the message (the Raft thread
 * never encodes or writes); the peer's writer encodes it with {@link RaftCodec} into the next
 * frame. A message the channel refuses (no connection yet, or too many bytes queued for that peer)
 * is dropped and counted, which Raft tolerates: the leader resends from the follower's match index
 * on its next heartbeat.
 */
final class ChannelTransport implements Transport {
  private static final NodeLog LOG = NodeLog.of(ChannelTransport.class);

  private final PeerChannels channels;
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  ChannelTransport(PeerChannels channels) {
    this.channels = channels;
  }

  @Override
  public void send(String targetId, RaftMessage message) {
    boolean sent;
    try {
      sent = channels.send(targetId, Services.RAFT, new RaftOutbound(message));
    } catch (RuntimeException e) {
      sent = false; // Transport.send never throws
    }
    if (sent) {
      if (failing.remove(targetId) != null) {
        LOG.info("Raft messages reach " + targetId + " again");
      }
    } else if (failing.put(targetId, Boolean.TRUE) == null) {
      LOG.warn("Raft messages to " + targetId + " are dropped: no open peer channel");
    }
  }

  /** One Raft message as a channel body; successive acknowledgements merge into the latest. */
  record RaftOutbound(RaftMessage message) implements Outbound {
    @Override
    public void writeBody(WireOut out) {
      RaftCodec.encode(message, out);
    }

    @Override
    public int sizeHint() {
      return RaftCodec.sizeHint(message);
    }

    /**
     * Two successful AppendEntries answers of one term to one leader say no more than one answer
     * with the higher match index and the later heartbeat round: the leader only ever takes the
     * maximum of both (§5.3), and a round acknowledged implies the earlier ones.
     */
    @Override
    public Outbound mergeWith(Outbound later) {
      if (message instanceof AppendEntriesResponse a
          && later instanceof RaftOutbound r
          && r.message instanceof AppendEntriesResponse b
          && a.success()
          && b.success()
          && a.term() == b.term()
          && a.from().equals(b.from())) {
        return new RaftOutbound(
            new AppendEntriesResponse(
                b.term(),
                b.from(),
                true,
                Math.max(a.matchIndex(), b.matchIndex()),
                0,
                0,
                Math.max(a.round(), b.round())));
      }
      return null;
    }
  }
}
