package io.distsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the benchmarks and load tools reach the cluster, as the security interface tells clients to:
 * the node URLs ({@code DISTSYNC_URLS}, default the local cluster's three over HTTPS), the CA to
 * trust for {@code https://} URLs ({@code DISTSYNC_CA}, a PEM certificate; unset: the JDK's default
 * trust) and the bearer token sent on every request ({@code DISTSYNC_TOKEN}, else the file named by
 * {@code DISTSYNC_TOKEN_FILE}; neither: no Authorization header, for a cluster with {@code
 * AUTH=off}). Read once per process ({@link #get()}); one place, so that every tool agrees.
 *
 * <p>TLS is 1.3 only, with the host name checked against the certificate: a benchmark measures the
 * same connection a real client makes.
 */
final class BenchSecurity {
  /** The local cluster's nodes ({@code liberty/cluster up}), TLS being on by default. */
  static final String DEFAULT_URLS =
      "https://localhost:8001,https://localhost:8002,https://localhost:8003";

  private static final String[] TLS_1_3 = {"TLSv1.3"};

  private final String token;
  private final byte[] authorizationLine;
  private final SSLContext sslContext;

  /**
   * @param token the bearer token, null or blank for none
   * @param sslContext the context whose trust decides which servers are believed
   */
  BenchSecurity(String token, SSLContext sslContext) {
    this.token = token == null || token.isBlank() ? null : checked(token.strip());
    this.sslContext = sslContext;
    // Built once: the raw clients copy these bytes into every request they prebuild.
    this.authorizationLine =
        this.token == null
            ? new byte[0]
            : ("Authorization: Bearer " + this.token + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** This process's settings, read from the environment on first use. */
  static BenchSecurity get() {
    return FromEnvironment.INSTANCE;
  }

  /** Lazy holder: a benchmark that never talks to a node never reads the CA file. */
  private static final class FromEnvironment {
    static final BenchSecurity INSTANCE = fromEnv(System.getenv());
  }

  /**
   * The settings that the variables {@code DISTSYNC_TOKEN}, {@code _TOKEN_FILE} and {@code _CA}
   * give.
   */
  static BenchSecurity fromEnv(Map<String, String> env) {
    String token = env.get("DISTSYNC_TOKEN");
    String file = env.get("DISTSYNC_TOKEN_FILE");
    if ((token == null || token.isBlank()) && file != null && !file.isBlank()) {
      try {
        token = Files.readString(Path.of(file.strip()));
      } catch (IOException e) {
        throw new UncheckedIOException("DISTSYNC_TOKEN_FILE " + file + " cannot be read", e);
      }
    }
    String ca = env.get("DISTSYNC_CA");
    return new BenchSecurity(
        token, ca == null || ca.isBlank() ? jdkTrust() : trusting(Path.of(ca.strip())));
  }

  /** The node URLs of {@code DISTSYNC_URLS}, else {@link #DEFAULT_URLS}. */
  static List<URI> nodes() {
    return nodes(System.getenv("DISTSYNC_URLS"));
  }

  /** The comma-separated URLs of {@code urls}; {@link #DEFAULT_URLS} when null or blank. */
  static List<URI> nodes(String urls) {
    String list = urls == null || urls.isBlank() ? DEFAULT_URLS : urls;
    List<URI> nodes = new ArrayList<>();
    for (String u : list.split(",")) {
      if (!u.isBlank()) {
        nodes.add(URI.create(u.strip()));
      }
    }
    return nodes;
  }

  /** Whether a token is sent. */
  boolean hasToken() {
    return token != null;
  }

  /**
   * {@code Authorization: Bearer <token>\r\n} in ASCII, or no bytes without a token: the shared
   * array, to be copied, never changed.
   */
  byte[] authorizationLine() {
    return authorizationLine;
  }

  /** A request to {@code uri} with the Authorization header when there is a token. */
  HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  /** A {@code java.net.http} client that trusts what this trusts, TLS 1.3 only. */
  HttpClient httpClient(Duration connectTimeout) {
    SSLParameters tls = new SSLParameters();
    tls.setProtocols(TLS_1_3);
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .sslContext(sslContext)
        .sslParameters(tls)
        .build();
  }

  /**
   * A connected socket to the node of {@code base}: plain for {@code http}, for {@code https} TLS
   * 1.3 with the handshake done (a server this does not trust fails here, not on the first read).
   */
  Socket connect(URI base, int connectTimeoutMs, int readTimeoutMs) throws IOException {
    boolean tls = isHttps(base);
    String host = base.getHost();
    int port = port(base);
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(host, port), connectTimeoutMs);
      // Set before the layering: the handshake's reads are bounded by it too.
      plain.setSoTimeout(readTimeoutMs);
      if (!tls) {
        return plain;
      }
      SSLSocket s = (SSLSocket) sslContext.getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters p = s.getSSLParameters();
      p.setProtocols(TLS_1_3);
      p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.startHandshake();
      return s;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** The port of {@code base}, the scheme's default when it names none. */
  static int port(URI base) {
    if (base.getPort() > 0) {
      return base.getPort();
    }
    return isHttps(base) ? 443 : 80;
  }

  private static boolean isHttps(URI base) {
    String scheme = base.getScheme();
    if ("https".equalsIgnoreCase(scheme)) {
      return true;
    }
    if ("http".equalsIgnoreCase(scheme)) {
      return false;
    }
    throw new IllegalArgumentException("not an http:// or https:// URL: " + base);
  }

  /** A TLS context that trusts the certificates of a PEM file (the cluster CA) and nothing else. */
  static SSLContext trusting(Path caPem) {
    try (InputStream in = Files.newInputStream(caPem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("DISTSYNC_CA " + caPem + " holds no certificate");
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        trust.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException("DISTSYNC_CA " + caPem + " cannot be read", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("DISTSYNC_CA " + caPem + " is not a PEM certificate", e);
    }
  }

  private static SSLContext jdkTrust() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, null, null); // the JDK's default trust store (cacerts)
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  /** The token, if it can go into a header line as is (an RFC 6750 token: visible ASCII). */
  private static String checked(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        // The token itself is not shown: it is a credential.
        throw new IllegalArgumentException(
            "the bearer token has a character that cannot go into an HTTP header, at " + i);
      }
    }
    return token;
  }

  @Override
  public String toString() {
    return "BenchSecurity[token " + (token == null ? "none" : "set") + "]";
  }
}
