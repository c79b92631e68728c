package io.distsync.faulttolerance;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.testing.Http;
import io.distsync.testing.LinkProxy;
import io.distsync.testing.RaftApi;
import io.distsync.testing.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stories of the peer channel itself on three real servers behind TCP link proxies: the handshake
 * needs the cluster secret, a malformed or cut frame closes only its own connection, a cut link
 * cuts the channel and a healed one is dialled again, a peer that stops reading (or a half-open
 * connection) keeps the bytes queued for it bounded and is detected by the PINGs, and a healed
 * partition reconnects without a storm. Short PING interval and a small queue bound, so that each
 * story takes seconds. One cluster for the class; every test leaves it whole.
 */
class PeerChannelIT {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final long QUEUE_BYTES = 262_144;
  private static final Map<String, String> ENV =
      Map.of(
          "CHANNEL_PING_INTERVAL", "300",
          "CHANNEL_QUEUE_BYTES", Long.toString(QUEUE_BYTES),
          "REQUEST_TIMEOUT", "3000");

  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(3, ENV);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void makeWhole() {
    cluster.restoreAll();
    eventually(CONVERGE, "every node agrees on a leader", () -> leaderNumber() > 0);
  }

  @Test
  void when_aHandshakeLacksTheClusterSecret_then_itIsRefusedWith401() {
    URI channel = channelOf(1);

    assertThatThrownBy(() -> open(channel, null).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                    .isEqualTo(401));
    assertThatThrownBy(() -> open(channel, "wrong").get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
  }

  @Test
  void when_aPeerSendsAMalformedOrCutFrame_then_onlyThatConnectionCloses_andTheClusterCommits()
      throws Exception {
    int node = 1;
    double before = metric(node, "channel_malformed_frames_total", null);
    URI channel = channelOf(node);
    Closes closes = new Closes();
    WebSocket garbage = open(channel, "test-secret", closes).get(5, TimeUnit.SECONDS);

    garbage.sendBinary(ByteBuffer.wrap(new byte[] {1, 5, 99, 0, 0}), true).get(5, TimeUnit.SECONDS);

    assertThat(closes.closed.get(10, TimeUnit.SECONDS)).as("close code").isEqualTo(1001);
    eventually(
        CONVERGE,
        "the malformed frame is counted",
        () -> metric(node, "channel_malformed_frames_total", null) > before);
    // A frame cut mid-way: half of a binary message, then the TCP connection drops.
    WebSocket cut = open(channel, "test-secret", new Closes()).get(5, TimeUnit.SECONDS);
    cut.sendBinary(ByteBuffer.wrap(new byte[] {1, 3, 1, 1}), false).get(5, TimeUnit.SECONDS);
    cut.abort();

    for (int i = 1; i <= 3; i++) {
      RaftApi.Outcome o = RaftApi.of(cluster.node(i)).noop("after-garbage", Duration.ofSeconds(5));
      assertThat(o.ok()).as("a proposal through node%d: %s", i, o).isTrue();
    }
  }

  @Test
  void when_aLinkIsCut_then_theChannelIsCut_andDialledAgainOnceHealed() {
    int leader = leaderNumber();
    int follower = leader % 3 + 1;
    String followerId = "node" + follower;
    double connects = metric(leader, "channel_connects_total", followerId);

    cluster.link(leader, follower).cut();

    eventually(
        CONVERGE,
        "the leader's channel to " + followerId + " is closed",
        () -> logMentions(leader, "peer channel to " + followerId + " closed"));
    long committed = commitAfterNoops(leader, 20);
    assertThat(RaftApi.of(cluster.node(follower)).status().commitIndex())
        .as("the cut-off follower cannot have learned the newest commits")
        .isLessThan(committed);

    cluster.link(leader, follower).heal();

    awaitDialledAgainAndCaughtUp(leader, follower, connects, committed);
  }

  @Test
  void when_aPeerStopsReading_then_theBytesQueuedForItStayBounded_andTheDeadLinkIsDialledAgain() {
    int leader = leaderNumber();
    int follower = leader % 3 + 1;
    String followerId = "node" + follower;
    double connects = metric(leader, "channel_connects_total", followerId);
    LinkProxy link = cluster.link(leader, follower);

    link.freeze(); // the connection stays open; nothing it carries arrives any more
    double maxQueued = 0;
    long committed = 0;
    for (int round = 0; round < 10; round++) {
      committed = commitAfterNoops(leader, 30);
      maxQueued = Math.max(maxQueued, metric(leader, "channel_queued_bytes", followerId));
    }
    eventually(
        CONVERGE,
        "the silent connection is taken for dead",
        () -> logMentions(leader, "peer channel to " + followerId + " closed: nothing received"));
    link.heal();

    assertThat(maxQueued).as("bytes queued for the silent peer").isLessThanOrEqualTo(QUEUE_BYTES);
    awaitDialledAgainAndCaughtUp(leader, follower, connects, committed);
  }

  @Test
  void when_aFullPartitionHeals_then_everyChannelReconnects_withoutAStorm() {
    Map<String, Double> before = new java.util.HashMap<>();
    for (int from = 1; from <= 3; from++) {
      for (int to = 1; to <= 3; to++) {
        if (from != to) {
          before.put(from + ">" + to, metric(from, "channel_connects_total", "node" + to));
          cluster.link(from, to).cut();
        }
      }
    }
    // The partition lasts until no node leads (check-quorum), a second or so of dial attempts.
    eventually( // no node leads while every link is cut
        CONVERGE,
        () -> {
          for (int i = 1; i <= 3; i++) {
            assertThat(RaftApi.of(cluster.node(i)).leader().isLeader()).isFalse();
          }
        });

    cluster.healAll();

    eventually( // a leader commits through every node again
        CONVERGE,
        () -> {
          for (int i = 1; i <= 3; i++) {
            assertThat(RaftApi.of(cluster.node(i)).noop("healed", Duration.ofSeconds(3)).ok())
                .as("a proposal through node%d", i)
                .isTrue();
          }
        });
    for (int from = 1; from <= 3; from++) {
      for (int to = 1; to <= 3; to++) {
        if (from != to) {
          double opened =
              metric(from, "channel_connects_total", "node" + to) - before.get(from + ">" + to);
          assertThat(opened)
              .as("connections opened from node%d to node%d across the partition", from, to)
              .isBetween(1.0, 3.0);
        }
      }
    }
  }

  // --- helpers

  /** The leader dials {@code follower} again, which then applies up to {@code committed}. */
  private static void awaitDialledAgainAndCaughtUp(
      int leader, int follower, double connectsBefore, long committed) {
    String followerId = "node" + follower;
    eventually(
        CONVERGE,
        "the channel to " + followerId + " is dialled again",
        () -> metric(leader, "channel_connects_total", followerId) > connectsBefore);
    eventually(
        CONVERGE,
        followerId + " catches up",
        () -> RaftApi.of(cluster.node(follower)).status().commitIndex() >= committed);
  }

  /** Proposes {@code n} no-ops through {@code node} and returns the last one's index. */
  private static long commitAfterNoops(int node, int n) {
    long index = 0;
    for (int i = 0; i < n; i++) {
      RaftApi.Outcome o = RaftApi.of(cluster.node(node)).noop("channel", Duration.ofSeconds(5));
      assertThat(o.ok()).as("proposal %d through node%d: %s", i, node, o).isTrue();
      index = o.json().getJsonNumber("index").longValue();
    }
    return index;
  }

  /** The leader's number once all three nodes agree on it, else 0. */
  private static int leaderNumber() {
    String agreed = null;
    for (int i = 1; i <= 3; i++) {
      RaftApi.Leader l = RaftApi.of(cluster.node(i)).leader();
      if (l.leaderId() == null || (agreed != null && !agreed.equals(l.leaderId()))) {
        return 0;
      }
      agreed = l.leaderId();
    }
    return Integer.parseInt(agreed.substring(4));
  }

  private static boolean logMentions(int node, String text) {
    try {
      return Files.readString(cluster.node(node).messagesLog()).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** A series of {@code /metrics} on {@code node}, with {@code peer} as its tag (or none). */
  private static double metric(int node, String name, String peer) {
    String text = Http.get(cluster.node(node).url() + "/metrics").body();
    Pattern p =
        Pattern.compile(
            "^"
                + Pattern.quote(name)
                + "\\{[^}]*"
                + (peer == null ? "" : "peer=\"" + Pattern.quote(peer) + "\"[^}]*")
                + "}\\s+([0-9.eE+-]+)$",
            Pattern.MULTILINE);
    Matcher m = p.matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** Completes with the close code the server sent. */
  private static final class Closes implements WebSocket.Listener {
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  /** Node {@code i}'s channel: on its peer port (mutual TLS) when TLS is on. */
  private static URI channelOf(int i) {
    String scheme = "https".equals(cluster.scheme()) ? "wss" : "ws";
    return URI.create(scheme + "://localhost:" + cluster.node(i).peerPort() + "/internal/channel");
  }

  private static CompletableFuture<WebSocket> open(URI uri, String secret) {
    return open(uri, secret, new Closes());
  }

  private static CompletableFuture<WebSocket> open(
      URI uri, String secret, WebSocket.Listener listener) {
    WebSocket.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            // the channel needs a member's certificate as well as the secret
            .sslContext(io.distsync.testing.TestPki.cluster().memberContext())
            .build()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(3));
    if (secret != null) {
      b.header("X-Cluster-Secret", secret);
    }
    return b.buildAsync(uri, listener);
  }
}
