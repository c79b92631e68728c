package io.distsync.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This node's identity, its peers and the cluster-wide settings, from MicroProfile Config. */
@ApplicationScoped
public class ClusterConfig {
  private static final NodeLog LOG = NodeLog.of(ClusterConfig.class);

  @Inject
  @ConfigProperty(name = "NODE_ID", defaultValue = "node1")
  String nodeId;

  @Inject
  @ConfigProperty(name = "HTTP_PORT", defaultValue = "8001")
  int httpPort;

  @Inject
  @ConfigProperty(
      name = "PEERS",
      defaultValue =
          "node1=http://localhost:8001,node2=http://localhost:8002,node3=http://localhost:8003")
  String peersValue;

  @Inject
  @ConfigProperty(name = "DATA_DIR")
  Optional<String> dataDirValue;

  @Inject
  @ConfigProperty(name = "CLUSTER_SECRET")
  Optional<String> secretValue;

  @Inject
  @ConfigProperty(name = "REQUEST_TIMEOUT", defaultValue = "5000")
  long requestTimeoutMs;

  @Inject
  @ConfigProperty(name = "PEER_CONNECT_TIMEOUT", defaultValue = "500")
  long peerConnectTimeoutMs;

  @Inject
  @ConfigProperty(name = "PEER_READ_TIMEOUT", defaultValue = "2000")
  long peerReadTimeoutMs;

  @Inject
  @ConfigProperty(name = "PEER_PROBE_INTERVAL", defaultValue = "500")
  long peerProbeIntervalMs;

  private List<Peer> peers;
  private String secret;

  @PostConstruct
  void init() {
    if (!nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalStateException("NODE_ID '" + nodeId + "' must match [A-Za-z0-9._-]{1,64}");
    }
    peers = PeerList.parse(peersValue);
    secret = secretValue.filter(s -> !s.isBlank()).orElseGet(ClusterConfig::randomSecret);
    if (secretValue.isEmpty()) {
      LOG.warn(
          "CLUSTER_SECRET is not set: a random one was generated, so peers cannot call this "
              + "node's /internal endpoints. Set the same CLUSTER_SECRET on every node.");
    }
    if (peerConnectTimeoutMs <= 0 || peerReadTimeoutMs <= 0 || requestTimeoutMs <= 0) {
      throw new IllegalStateException("timeouts must be positive");
    }
    LOG.info("node " + nodeId + " on port " + httpPort + ", peers " + peers);
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public String nodeId() {
    return nodeId;
  }

  public int httpPort() {
    return httpPort;
  }

  /** Every configured member, this node included when PEERS names it. */
  public List<Peer> peers() {
    return peers;
  }

  /** The members other than this node. */
  public List<Peer> otherPeers() {
    return peers.stream().filter(p -> !p.id().equals(nodeId)).toList();
  }

  /** How the other members reach this node: its PEERS entry, else localhost on HTTP_PORT. */
  public URI selfUrl() {
    return peers.stream()
        .filter(p -> p.id().equals(nodeId))
        .map(Peer::url)
        .findFirst()
        .orElse(URI.create("http://localhost:" + httpPort));
  }

  public Path dataDir() {
    return Path.of(dataDirValue.filter(s -> !s.isBlank()).orElse("data/" + nodeId));
  }

  public String clusterSecret() {
    return secret;
  }

  public long requestTimeoutMs() {
    return requestTimeoutMs;
  }

  public long peerConnectTimeoutMs() {
    return peerConnectTimeoutMs;
  }

  public long peerReadTimeoutMs() {
    return peerReadTimeoutMs;
  }

  public long peerProbeIntervalMs() {
    return peerProbeIntervalMs;
  }
}
