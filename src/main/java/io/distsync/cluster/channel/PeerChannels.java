package io.distsync.cluster.channel;

import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.ClusterSecretFilter;
import io.distsync.cluster.NodeLog;
import io.distsync.cluster.Peer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The peer channel: one persistent WebSocket connection from this node to each other member,
 * carrying binary frames of coalesced messages (see {@link Frames}). A node sends its own messages
 * and calls on the connection it dialled and answers calls on the connection they came in on, so a
 * link cut from A to B stops what A says to B and the answers to A's calls, as with HTTP.
 *
 * <p>Nothing here blocks the caller: {@link #send} and {@link #call} queue and return. Writers and
 * dials run on managed executors; a periodic check sends PINGs, closes connections that stopped
 * answering (half-open), fails calls past their deadline and dials peers without a connection.
 */
@ApplicationScoped
public class PeerChannels {
  /** Where the channel's server end listens on every node's HTTP port. */
  public static final String PATH = "/internal/channel";

  private static final NodeLog LOG = NodeLog.of(PeerChannels.class);

  @Inject ClusterConfig cluster;
  @Inject io.distsync.security.ClusterTls tls;
  @Inject ChannelSettings settings;
  @Inject MetricRegistry registry;

  /** Frame writers: short tasks that never block. */
  @Resource(lookup = "concurrent/distsync-channel")
  ManagedExecutorService writers;

  /** Dials and the dialled connections' callbacks (the JDK WebSocket client's executor). */
  @Resource(lookup = "concurrent/distsync-executor")
  ManagedExecutorService dials;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private final ChannelHandler[] services = new ChannelHandler[Services.COUNT];
  private final Map<String, Dialer> dialers = new ConcurrentHashMap<>();
  private final Map<String, ChannelStats> stats = new ConcurrentHashMap<>();
  private final Set<Link> accepted = ConcurrentHashMap.newKeySet();
  private volatile Function<String, Optional<URI>> addressBook = this::configuredAddress;
  private volatile HttpClient client;
  private volatile boolean stopped;
  private ScheduledFuture<?> checks;
  private Counter malformed;

  void start(@Observes @Initialized(jakarta.enterprise.context.ApplicationScoped.class) Object o) {
    malformed = registry.counter("channel_malformed_frames");
    long every = Math.max(10, Math.min(100, settings.pingIntervalMs() / 2));
    checks = scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    stopped = true;
    if (checks != null) {
      checks.cancel(false);
    }
    dialers.values().forEach(d -> close(d.link(), "this node stops"));
    accepted.forEach(l -> l.close("this node stops"));
  }

  /** Installs the service that handles messages of kind {@code service} ({@link Services}). */
  public void register(int service, ChannelHandler handler) {
    services[service] = handler;
  }

  /**
   * How this node reaches a member: by default its PEERS entry; the Raft service installs one that
   * also knows members added at run time.
   */
  public void addressBook(Function<String, Optional<URI>> book) {
    addressBook = book;
  }

  /**
   * Queues a one-way message to {@code peerId}. False (and counted) when it cannot be sent: no
   * connection yet (one is being dialled) or too many bytes queued for that peer.
   */
  public boolean send(String peerId, int service, Outbound body) {
    Dialer d = dialer(peerId);
    Link l = d == null ? null : d.link();
    if (l != null && l.offer(Frames.Envelope.oneway(service, body))) {
      return true;
    }
    stats(peerId).refused();
    return false;
  }

  /**
   * Sends a call to {@code peerId}. The future completes with the reply's body, or fails with
   * {@link NotSentException} (certainly not sent), {@link RemoteCallException} (the peer answered
   * with an error) or {@link CallOutcomeUnknownException} (sent, no answer).
   */
  public CompletableFuture<byte[]> call(String peerId, int service, Outbound body, long timeoutMs) {
    Dialer d = dialer(peerId);
    Link l = d == null ? null : d.link();
    if (l == null) {
      stats(peerId).refused();
      return CompletableFuture.failedFuture(
          new NotSentException("no connection to " + peerId + " yet"));
    }
    return l.call(service, body, timeoutMs);
  }

  /** Whether this node has an open connection to {@code peerId}. */
  public boolean connected(String peerId) {
    Dialer d = dialers.get(peerId);
    return d != null && d.link() != null;
  }

  private Dialer dialer(String peerId) {
    if (peerId == null || peerId.equals(cluster.nodeId()) || stopped) {
      return null;
    }
    Dialer d = dialers.get(peerId);
    if (d == null) {
      d = dialers.computeIfAbsent(peerId, Dialer::new);
      maybeDial(d);
    }
    return d;
  }

  ChannelStats stats(String peerId) {
    return stats.computeIfAbsent(
        peerId,
        id ->
            new ChannelStats(
                registry,
                id,
                () -> {
                  Dialer d = dialers.get(id);
                  Link l = d == null ? null : d.link();
                  return l == null ? 0 : l.queuedBytes();
                }));
  }

  /** A connection opened: the dialled one gets its HELLO first; an accepted one waits for it. */
  Link opened(FrameSink sink, Dialer dialer) {
    if (dialer == null) {
      Link l = new Link(false, null, sink, writers, settings.queueBytes(), null, accepted::remove);
      accepted.add(l);
      return l;
    }
    ChannelStats s = stats(dialer.peerId);
    Link l = new Link(true, dialer.peerId, sink, writers, settings.queueBytes(), s, this::closed);
    l.offer(Frames.Envelope.hello(cluster.nodeId()));
    dialer.opened(l);
    s.connected();
    LOG.info("peer channel to " + dialer.peerId + " open");
    return l;
  }

  private void closed(Link l) {
    Dialer d = dialers.get(l.peerId());
    if (d != null) {
      d.closed(l);
    }
    if (!stopped) {
      LOG.info("peer channel to " + l.peerId() + " closed: " + l.closeReason());
    }
  }

  /** A frame arrived on {@code link} (on the container's read thread). */
  void onFrame(Link link, ByteBuffer frame) {
    link.received(frame.remaining());
    try {
      Frames.decode(frame, new Inbound(link));
    } catch (MalformedFrameException e) {
      malformed.inc();
      LOG.warn(
          "closing the peer channel with "
              + (link.peerId() == null ? "an unnamed peer" : link.peerId())
              + ": malformed frame: "
              + e.getMessage());
      link.close("malformed frame: " + e.getMessage());
    }
  }

  private void maybeDial(Dialer d) {
    if (stopped || !d.startDial()) {
      return;
    }
    try {
      dials.execute(() -> dial(d));
    } catch (RuntimeException rejected) {
      d.failed();
    }
  }

  private void dial(Dialer d) {
    try {
      Optional<URI> url = addressBook.apply(d.peerId);
      if (url.isEmpty()) {
        d.failed();
        return;
      }
      long timeout = cluster.peerConnectTimeoutMs() + cluster.peerReadTimeoutMs();
      client()
          .newWebSocketBuilder()
          .header(ClusterSecretFilter.HEADER, cluster.clusterSecret())
          .connectTimeout(Duration.ofMillis(timeout))
          .buildAsync(wsUri(url.get()), new DialledEndpoint(this, d))
          .whenComplete(
              (ws, failure) -> {
                if (failure != null) {
                  dialFailed(d, failure);
                } // on success onOpen has run: the dialer knows its connection (or its close)
              });
    } catch (RuntimeException e) {
      dialFailed(d, e);
    }
  }

  private void dialFailed(Dialer d, Throwable failure) {
    Throwable c =
        failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
    if (d.failed()) {
      LOG.warn("peer channel to " + d.peerId + " cannot connect: " + c);
    }
  }

  /**
   * The client that dials, built once: HTTP/1.1 (a WebSocket handshake), the peer connect timeout,
   * and its callbacks on the managed executor.
   */
  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          HttpClient.Builder b =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(Duration.ofMillis(cluster.peerConnectTimeoutMs()))
                  .executor(dials);
          // wss: the peer is verified against the cluster's CA and sees this node's certificate
          tls.context().ifPresent(b::sslContext);
          c = b.build();
          client = c;
        }
      }
    }
    return c;
  }

  static URI wsUri(URI http) {
    String scheme = "https".equalsIgnoreCase(http.getScheme()) ? "wss" : "ws";
    String path = http.getPath() == null ? "" : http.getPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(scheme + "://" + http.getRawAuthority() + path + PATH);
  }

  private Optional<URI> configuredAddress(String id) {
    return cluster.peers().stream().filter(p -> p.id().equals(id)).map(Peer::url).findFirst();
  }

  private static void close(Link l, String reason) {
    if (l != null) {
      l.close(reason);
    }
  }

  /**
   * The periodic check: dial peers without a connection (every PEERS entry, so that a node that has
   * nothing to say is still reachable at once), PING a connection that heard nothing for a ping
   * interval, close one that heard nothing for three, and expire calls.
   */
  private void check() {
    try {
      long now = System.nanoTime();
      long ping = settings.pingIntervalMs() * 1_000_000L;
      for (Peer p : cluster.otherPeers()) {
        dialer(p.id());
      }
      for (Dialer d : dialers.values()) {
        Link l = d.link();
        if (l == null) {
          maybeDial(d);
          continue;
        }
        l.expireCalls(now);
        if (now - l.lastReceivedNanos() > 3 * ping) {
          l.close("nothing received for " + 3 * settings.pingIntervalMs() + " ms");
        } else if (now - l.lastReceivedNanos() > ping && now - d.lastPingNanos() > ping) {
          d.pinged(now);
          l.offer(Frames.Envelope.ping());
        }
      }
      for (Link l : accepted) {
        if (now - l.lastReceivedNanos() > 3 * ping) {
          l.close("nothing received for " + 3 * settings.pingIntervalMs() + " ms");
        }
      }
    } catch (RuntimeException e) {
      LOG.warn(e, "peer channel check failed: " + e);
    }
  }

  /** Dispatches one decoded frame's messages for {@code link}. */
  private final class Inbound implements Frames.Reader {
    private final Link link;

    Inbound(Link link) {
      this.link = link;
    }

    @Override
    public void hello(String nodeId) {
      if (nodeId == null || nodeId.isBlank() || link.dialled()) {
        throw new MalformedFrameException("a HELLO names the dialling node, once");
      }
      if (link.peerId() == null) {
        link.identify(nodeId, stats(nodeId));
      }
    }

    @Override
    public void oneway(int service, WireIn body) {
      ChannelHandler h = service < services.length ? services[service] : null;
      if (h != null) {
        h.onMessage(link.peerId(), body);
      }
    }

    @Override
    public void call(int service, long callId, WireIn body) {
      ChannelHandler h = service < services.length ? services[service] : null;
      if (h == null) {
        link.offer(Frames.Envelope.error(callId, "UNAVAILABLE", "service " + service + " not up"));
        return;
      }
      java.util.concurrent.CompletionStage<Outbound> reply;
      try {
        reply = h.onCall(link.peerId(), body);
      } catch (MalformedFrameException e) {
        throw e;
      } catch (RuntimeException e) {
        reply = CompletableFuture.failedFuture(e);
      }
      reply.whenComplete(
          (out, failure) -> {
            if (failure == null) {
              link.offer(Frames.Envelope.reply(callId, out));
            } else {
              Throwable c = failure;
              while (c instanceof java.util.concurrent.CompletionException
                  && c.getCause() != null) {
                c = c.getCause();
              }
              String code = c instanceof RemoteCallException r ? r.code() : "INTERNAL";
              link.offer(Frames.Envelope.error(callId, code, String.valueOf(c.getMessage())));
            }
          });
    }

    @Override
    public void reply(long callId, WireIn body) {
      link.completeCall(callId, body.rest());
    }

    @Override
    public void error(long callId, String code, String message) {
      link.failCall(callId, new RemoteCallException(code, message));
    }

    @Override
    public void ping() {
      link.offer(Frames.Envelope.pong());
    }

    @Override
    public void pong() {}
  }
}
