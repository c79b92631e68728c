package io.distsync.cluster.raft;

import io.distsync.cluster.channel.ChannelHandler;
import io.distsync.cluster.channel.Outbound;
import io.distsync.cluster.channel.RemoteCallException;
import io.distsync.cluster.channel.WireIn;
import io.distsync.cluster.channel.WireOut;
import io.distsync.cluster.raft.model.Applied;
import io.distsync.raft.RaftNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Raft on the peer channel: the node's messages ({@link io.distsync.cluster.channel.Services#RAFT},
 * one-way) and proposals forwarded to the leader ({@link
 * io.distsync.cluster.channel.Services#FORWARD}: a call with the command, answered with {@code
 * index, term, leaderId, result} once applied, or the error {@code NOT_LEADER} when this node does
 * not lead, which tells the forwarder the command was not appended).
 */
final class RaftChannelService {
  static final String NOT_LEADER = "NOT_LEADER";
  static final String NOT_READY = "NOT_READY";
  static final String UNKNOWN = "UNKNOWN";

  private RaftChannelService() {}

  /** Hands Raft messages to {@code node} once its log is replayed (before, they are dropped). */
  static ChannelHandler messages(RaftNode node, BooleanSupplier replayed) {
    return new ChannelHandler() {
      @Override
      public void onMessage(String from, WireIn body) {
        io.distsync.raft.message.RaftMessage m = RaftCodec.decode(body);
        if (replayed.getAsBoolean()) {
          node.handle(m);
        }
      }
    };
  }

  /** Proposes forwarded commands here, through {@code proposeHere} (no second hop). */
  static ChannelHandler forwarded(
      Function<String, CompletableFuture<Applied>> proposeHere, BooleanSupplier replayed) {
    return new ChannelHandler() {
      @Override
      public CompletionStage<Outbound> onCall(String from, WireIn body) {
        String command = body.getString();
        body.expectEnd();
        if (command == null) {
          return CompletableFuture.failedFuture(new RemoteCallException("INVALID", "no command"));
        }
        if (!replayed.getAsBoolean()) {
          return CompletableFuture.failedFuture(
              new RemoteCallException(NOT_READY, "still replaying its log"));
        }
        return proposeHere
            .apply(command)
            .handle(
                (applied, failure) -> {
                  if (failure == null) {
                    return encode(applied);
                  }
                  Throwable c = ProposalRouter.unwrap(failure);
                  String code = c instanceof ProposalRouter.NotLeaderHere ? NOT_LEADER : UNKNOWN;
                  throw new RemoteCallException(code, String.valueOf(c.getMessage()));
                });
      }
    };
  }

  static Outbound command(String command) {
    return Outbound.of(out -> out.putString(command), 8 + command.length() * 3);
  }

  static Outbound encode(Applied a) {
    return new Outbound() {
      @Override
      public void writeBody(WireOut out) {
        out.putVarLong(a.index())
            .putVarLong(a.term())
            .putString(a.leaderId())
            .putString(a.result());
      }

      @Override
      public int sizeHint() {
        return 32 + (a.result() == null ? 0 : a.result().length() * 3);
      }
    };
  }

  static Applied decodeApplied(byte[] body) {
    WireIn in = new WireIn(body);
    Applied a = new Applied(in.getVarLong(), in.getVarLong(), in.getString(), in.getString());
    in.expectEnd();
    return a;
  }
}
