package io.distsync.cluster;

import io.distsync.security.ClusterTls;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * One REST client per peer and interface, built once and reused (keep-alive connections), each with
 * the configured connect and read timeouts and the cluster secret header.
 */
@ApplicationScoped
public class PeerClients {
  private static final NodeLog LOG = NodeLog.of(PeerClients.class);

  @Inject ClusterConfig config;
  @Inject ClusterTls tls;

  @Resource(lookup = "concurrent/distsync-executor")
  ManagedExecutorService executor;

  private final Map<String, Object> clients = new ConcurrentHashMap<>();

  /**
   * The client of {@code api} for {@code peer} with the configured timeouts, created on first use.
   */
  public <T> T client(Peer peer, Class<T> api) {
    return client(peer, api, config.peerConnectTimeoutMs(), config.peerReadTimeoutMs());
  }

  /**
   * As {@link #client(Peer, Class)}, with other timeouts (for calls that are useless when late).
   */
  public <T> T client(Peer peer, Class<T> api, long connectTimeoutMs, long readTimeoutMs) {
    String key =
        peer.id()
            + "|"
            + peer.url()
            + "|"
            + api.getName()
            + "|"
            + connectTimeoutMs
            + "|"
            + readTimeoutMs;
    return api.cast(
        clients.computeIfAbsent(key, k -> build(peer, api, connectTimeoutMs, readTimeoutMs)));
  }

  private <T> T build(Peer peer, Class<T> api, long connectTimeoutMs, long readTimeoutMs) {
    String secret = config.clusterSecret();
    ClientRequestFilter secretHeader =
        request -> request.getHeaders().putSingle(ClusterSecretFilter.HEADER, secret);
    RestClientBuilder builder = RestClientBuilder.newBuilder();
    // With TLS on, peers are verified against the cluster's CA and see this node's certificate.
    tls.context().ifPresent(builder::sslContext);
    return builder
        .baseUri(peer.url())
        .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
        .executorService(executor)
        .register(secretHeader)
        .build(api);
  }

  @PreDestroy
  void close() {
    for (Object client : clients.values()) {
      if (client instanceof Closeable c) {
        try {
          c.close();
        } catch (IOException e) {
          LOG.warn(e, "closing a peer client failed: " + e.getMessage());
        }
      }
    }
    clients.clear();
  }
}
