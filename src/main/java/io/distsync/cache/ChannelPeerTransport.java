package io.distsync.cache;

import io.distsync.cache.mesi.PeerTransport;
import io.distsync.cluster.channel.ChannelHandler;
import io.distsync.cluster.channel.MalformedFrameException;
import io.distsync.cluster.channel.Outbound;
import io.distsync.cluster.channel.PeerChannels;
import io.distsync.cluster.channel.RemoteCallException;
import io.distsync.cluster.channel.Services;
import io.distsync.cluster.channel.WireIn;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * {@link PeerTransport} on the peer channel ({@link Services#CACHE}): a call {@code op key epoch}
 * answered once the target has done what it asks; a downgrade's answer is {@code had kept value
 * version}. A target that does not answer within {@code PEER_READ_TIMEOUT} fails the call, which
 * the protocol treats as a dead peer. A grant is a one-way message {@code GRANT key token}.
 */
final class ChannelPeerTransport implements PeerTransport {
  private static final int DOWNGRADE = 1;
  private static final int INVALIDATE = 2;
  private static final int GRANT = 3;

  private final PeerChannels channels;
  private final long timeoutMs;

  ChannelPeerTransport(PeerChannels channels, long timeoutMs) {
    this.channels = channels;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public CompletableFuture<DowngradeReply> downgrade(String nodeId, String key, long epoch) {
    return channels
        .call(nodeId, Services.CACHE, message(DOWNGRADE, key, epoch), timeoutMs)
        .thenApply(
            body -> {
              WireIn in = new WireIn(body);
              DowngradeReply r =
                  new DowngradeReply(
                      in.getBoolean(), in.getBoolean(), in.getString(), in.getVarLong());
              in.expectEnd();
              return r;
            });
  }

  @Override
  public CompletableFuture<Void> invalidate(String nodeId, String key, long epoch) {
    return channels
        .call(nodeId, Services.CACHE, message(INVALIDATE, key, epoch), timeoutMs)
        .thenApply(body -> null);
  }

  @Override
  public void grant(String nodeId, String key, String token) {
    // Best effort: a refused message (no connection, queue full) costs the waiter its next look.
    channels.send(
        nodeId,
        Services.CACHE,
        Outbound.of(
            out -> out.putByte(GRANT).putString(key).putString(token),
            16 + (key.length() + token.length()) * 3));
  }

  private static Outbound message(int op, String key, long epoch) {
    return new Outbound() {
      @Override
      public void writeBody(io.distsync.cluster.channel.WireOut out) {
        out.putByte(op).putString(key).putVarLong(epoch);
      }

      @Override
      public int sizeHint() {
        return 16 + key.length() * 3;
      }
    };
  }

  /**
   * This node's side: hands the calls and grants to the protocol ({@code onDowngrade}, {@code
   * onInvalidate}, {@code onGrant}) on {@code executor}, off the channel's read thread, since they
   * may call Redis.
   */
  static ChannelHandler handler(
      BiFunction<String, Long, CompletableFuture<DowngradeReply>> onDowngrade,
      BiFunction<String, Long, CompletableFuture<Void>> onInvalidate,
      BiConsumer<String, String> onGrant,
      Executor executor) {
    return new ChannelHandler() {
      @Override
      public void onMessage(String from, WireIn body) {
        int op = body.getByte();
        String key = body.getString();
        String token = body.getString();
        body.expectEnd();
        if (op != GRANT || key == null || token == null) {
          throw new MalformedFrameException("not a cache grant");
        }
        executor.execute(() -> onGrant.accept(key, token));
      }

      @Override
      public CompletionStage<Outbound> onCall(String from, WireIn body) {
        int op = body.getByte();
        String key = body.getString();
        long epoch = body.getVarLong();
        body.expectEnd();
        if (key == null) {
          return CompletableFuture.failedFuture(new RemoteCallException("INVALID", "no key"));
        }
        if (op == DOWNGRADE) {
          return CompletableFuture.supplyAsync(() -> onDowngrade.apply(key, epoch), executor)
              .thenCompose(f -> f)
              .thenApply(
                  r ->
                      Outbound.of(
                          out ->
                              out.putBoolean(r.had())
                                  .putBoolean(r.kept())
                                  .putString(r.value())
                                  .putVarLong(r.version()),
                          16 + (r.value() == null ? 0 : r.value().length() * 3)));
        }
        if (op == INVALIDATE) {
          return CompletableFuture.supplyAsync(() -> onInvalidate.apply(key, epoch), executor)
              .thenCompose(f -> f)
              .thenApply(v -> Outbound.of(out -> {}));
        }
        return CompletableFuture.failedFuture(
            new RemoteCallException("INVALID", "unknown cache operation " + op));
      }
    };
  }
}
