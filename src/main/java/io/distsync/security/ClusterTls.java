package io.distsync.security;

import io.distsync.cluster.NodeLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of this node's outbound calls when TLS is on: it trusts only the cluster's CA
 * (the trust store) and presents this node's certificate (the key store), so peers can tell a
 * member from a client. The peer channel, the peer REST clients and a {@code rediss://} Redis use
 * it.
 */
@ApplicationScoped
public class ClusterTls {
  private static final NodeLog LOG = NodeLog.of(ClusterTls.class);

  @Inject SecuritySettings settings;

  private volatile SSLContext context;

  public boolean on() {
    return settings.tlsOn();
  }

  /**
   * True when a node-to-node request arrived where it may: on the peer port when TLS is on (there
   * the handshake has verified a member's certificate), anywhere when it is off.
   */
  public boolean onPeerPort(int localPort) {
    int peer = settings.peerPort();
    return peer <= 0 || localPort == peer;
  }

  /** The context outbound calls use, or empty when TLS is off. */
  public Optional<SSLContext> context() {
    if (!settings.tlsOn()) {
      return Optional.empty();
    }
    SSLContext c = context;
    if (c == null) {
      synchronized (this) {
        c = context;
        if (c == null) {
          c = build();
          context = c;
        }
      }
    }
    return Optional.of(c);
  }

  private SSLContext build() {
    try {
      SSLContext ssl = SSLContext.getInstance("TLS");
      KeyManagerFactory keys = null;
      if (settings.keyStore().isPresent()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(settings.keyStore().get()), settings.tlsPassword());
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(settings.trustStore().isPresent() ? load(settings.trustStore().get()) : null);
      ssl.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      LOG.info(
          "outbound TLS trusts "
              + settings.trustStore().orElse("the JDK's default CAs")
              + " and presents "
              + settings.keyStore().orElse("no certificate"));
      return ssl;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the TLS stores cannot be loaded: " + e.getMessage(), e);
    }
  }

  private KeyStore load(String file) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      store.load(in, settings.tlsPassword());
    }
    return store;
  }
}
