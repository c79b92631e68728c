package io.distsync.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The security settings, from MicroProfile Config (environment variables). */
@ApplicationScoped
public class SecuritySettings {
  @Inject
  @ConfigProperty(name = "AUTH", defaultValue = "on")
  String auth;

  @Inject
  @ConfigProperty(name = "AUTH_PUBLIC_KEY")
  Optional<String> publicKeyFile;

  @Inject
  @ConfigProperty(name = "AUTH_ISSUER", defaultValue = "distsync")
  String issuer;

  @Inject
  @ConfigProperty(name = "AUTH_AUDIENCE", defaultValue = "distsync")
  String audience;

  @Inject
  @ConfigProperty(name = "AUTH_TOKEN_CACHE", defaultValue = "10000")
  int tokenCacheSize;

  @Inject
  @ConfigProperty(name = "TLS", defaultValue = "on")
  String tls;

  @Inject
  @ConfigProperty(name = "PEER_PORT", defaultValue = "9001")
  int peerPort;

  @Inject
  @ConfigProperty(name = "TLS_KEYSTORE")
  Optional<String> keyStore;

  @Inject
  @ConfigProperty(name = "TLS_TRUSTSTORE")
  Optional<String> trustStore;

  @Inject
  @ConfigProperty(name = "TLS_PASSWORD")
  Optional<String> tlsPassword;

  @Inject
  @ConfigProperty(name = "AUDIT_LOG")
  Optional<String> auditLog;

  @Inject
  @ConfigProperty(name = "AUDIT_MAX_BYTES", defaultValue = "10485760")
  int auditMaxBytes;

  @Inject
  @ConfigProperty(name = "AUDIT_FILES", defaultValue = "5")
  int auditFiles;

  /** Whether requests need a bearer token ({@code AUTH=off} lets every request through). */
  public boolean authOn() {
    return !"off".equalsIgnoreCase(auth.trim());
  }

  /** Whether this node serves HTTPS and its outbound calls verify the cluster's CA. */
  public boolean tlsOn() {
    return !"off".equalsIgnoreCase(tls.trim());
  }

  /**
   * The port that serves node-to-node traffic with client certificates required (TLS on), or -1
   * when node-to-node traffic shares the API port (TLS off).
   */
  public int peerPort() {
    return tlsOn() ? peerPort : -1;
  }

  public Optional<String> publicKeyFile() {
    return publicKeyFile.filter(s -> !s.isBlank());
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  public int tokenCacheSize() {
    return Math.max(1, tokenCacheSize);
  }

  public Optional<String> keyStore() {
    return keyStore.filter(s -> !s.isBlank());
  }

  public Optional<String> trustStore() {
    return trustStore.filter(s -> !s.isBlank());
  }

  public char[] tlsPassword() {
    return tlsPassword.orElse("").toCharArray();
  }

  /** The audit file; empty means the default under the server's logs folder. */
  public Optional<String> auditLog() {
    return auditLog.filter(s -> !s.isBlank());
  }

  public int auditMaxBytes() {
    return Math.max(4096, auditMaxBytes);
  }

  public int auditFiles() {
    return Math.max(1, auditFiles);
  }
}
