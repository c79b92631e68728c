package io.distsync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy for one directed link between two nodes (the traffic {@code from} opens to {@code
 * to}). A test can cut the link (open connections are dropped; new ones are accepted and then left
 * hanging, like a partition that silently loses packets), heal it, or delay every chunk it
 * forwards. When the target is not listening (the node was killed), a new connection is reset at
 * once, as the target's host would refuse it.
 */
public final class LinkProxy implements AutoCloseable {
  private final String from;
  private final String to;
  private final int targetPort;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong bytes = new AtomicLong();
  private volatile double lossProbability;
  private volatile long stallMs;
  private java.util.Random lossRandom = new java.util.Random(0);
  private volatile boolean cut;
  private volatile long delayMillis;
  private volatile boolean frozen;

  public LinkProxy(String from, String to, int listenPort, int targetPort) {
    this.from = from;
    this.to = to;
    this.targetPort = targetPort;
    try {
      server = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Bytes forwarded in either direction so far. */
  public long bytesForwarded() {
    return bytes.get();
  }

  /** Drops open connections; new ones hang until healed. */
  public void cut() {
    cut = true;
    closeAll();
  }

  /**
   * Opens a cut link again and removes any delay. Connections are dropped only if the link was cut
   * (those accepted meanwhile hang); a link that was never cut keeps its connections, so healing
   * the whole cluster does not reset the healthy links' keep-alive connections.
   */
  public void heal() {
    boolean wasCut = cut;
    cut = false;
    frozen = false;
    delayMillis = 0;
    lossProbability = 0;
    if (wasCut) {
      closeAll();
    }
  }

  /**
   * Stops forwarding without closing anything, as a peer that stopped reading or a half-open
   * connection after a silent network failure: open connections stay open and carry nothing, new
   * ones are accepted and hang. {@link #heal()} forwards again what was held.
   */
  public void freeze() {
    frozen = true;
  }

  public void delay(long millis) {
    delayMillis = millis;
  }

  /**
   * A lossy link as TCP shows it: each chunk forwarded is, with probability {@code probability},
   * held {@code stallMillis} first (a lost segment waiting for its retransmission); the stream
   * stays whole and in order. Draws from {@code seed}. {@link #heal()} ends it.
   */
  public synchronized void lossy(double probability, long stallMillis, long seed) {
    lossRandom = new java.util.Random(seed);
    stallMs = stallMillis;
    lossProbability = probability;
  }

  public boolean isCut() {
    return cut;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        if (cut) {
          continue; // accepted, never answered: the caller's read timeout fires
        }
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          if (upstream.getLocalPort() == targetPort) {
            // TCP self-connect: the target is down and the kernel gave this socket the target's
            // own port as its ephemeral port, so it is connected to itself and would echo every
            // byte back to the caller (a node would then hear its own messages as the peer's).
            upstream.close();
            throw new IOException("self-connect to the dead target's port " + targetPort);
          }
        } catch (IOException refused) {
          // The target is down (killed): reset the caller's connection, as the target's host
          // would, instead of leaving it hanging like a partition.
          sockets.remove(client);
          reset(client);
          continue;
        }
        sockets.add(upstream);
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LockSupport.parkNanos(10_000_000);
        }
      }
    }
  }

  private void pump(Socket source, Socket sink) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = source.getInputStream();
        OutputStream out = sink.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) != -1) {
        while (frozen && !cut) {
          LockSupport.parkNanos(10_000_000);
        }
        if (cut) {
          break;
        }
        long delay = delayMillis;
        double loss = lossProbability;
        if (loss > 0) {
          synchronized (this) {
            if (lossRandom.nextDouble() < loss) {
              delay += stallMs;
            }
          }
        }
        if (delay > 0) {
          LockSupport.parkNanos(delay * 1_000_000);
        }
        out.write(buf, 0, n);
        out.flush();
        bytes.addAndGet(n);
      }
    } catch (SocketException closed) {
      // the other side or cut() closed the connection
    } catch (IOException e) {
      // connection failed; the peer sees it as a network error, which is the point
    } finally {
      close(source);
      close(sink);
      sockets.remove(source);
      sockets.remove(sink);
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // closing anyway
    }
    close(s);
  }

  private void closeAll() {
    sockets.forEach(LinkProxy::close);
    sockets.clear();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    closeAll();
    threads.shutdownNow();
  }

  @Override
  public String toString() {
    return from
        + "->"
        + to
        + (cut ? " (cut)" : "")
        + (delayMillis > 0 ? " +" + delayMillis + "ms" : "");
  }
}
