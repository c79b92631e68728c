package io.distsync.testing;

import com.nimbusds.jose.JOSEException;
import io.distsync.security.Role;
import io.distsync.security.TokenTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority, one member certificate it signed (for every test node: its SANs are
 * localhost and 127.0.0.1) and a token-signing key, made with the JDK's {@code keytool} once per
 * test JVM under {@code target/test-pki/<name>}. {@link #cluster()} is the one the test clusters
 * use; {@link #foreign()} another, whose certificates the cluster must refuse.
 */
public final class TestPki {
  private static final ConcurrentHashMap<String, TestPki> MADE = new ConcurrentHashMap<>();
  private static final String PASSWORD = "test-pki-password";

  private final Path dir;
  private volatile PrivateKey signingKey;

  private TestPki(Path dir) {
    this.dir = dir;
  }

  /** The cluster's PKI. */
  public static TestPki cluster() {
    return named("cluster");
  }

  /** Another CA, member certificate and signing key: what an outsider would have. */
  public static TestPki foreign() {
    return named("foreign");
  }

  private static TestPki named(String name) {
    return MADE.computeIfAbsent(
        name,
        n -> {
          Path base = Path.of(System.getProperty("distsync.pki.dir", "target/test-pki"));
          TestPki pki = new TestPki(base.resolve(n).toAbsolutePath());
          pki.make(n);
          return pki;
        });
  }

  public Path keyStore() {
    return dir.resolve("member.p12");
  }

  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  public Path signingPem() {
    return dir.resolve("signing.pem");
  }

  public String password() {
    return PASSWORD;
  }

  /** A client's context: trusts this CA only, presents no certificate. */
  public SSLContext clientContext() {
    return context(false);
  }

  /** A member's context: trusts this CA and presents the member certificate. */
  public SSLContext memberContext() {
    return context(true);
  }

  /**
   * A context that presents this PKI's member certificate but trusts {@code trusted}'s CA: an
   * outsider that knows whom to trust but has no certificate of the cluster's.
   */
  public SSLContext memberContextTrusting(TestPki trusted) {
    return context(trusted, true);
  }

  /** A token signed by this PKI's key. */
  public String token(Role role, String scope, Duration ttl) {
    return token(role, scope, Instant.now(), ttl, "distsync");
  }

  /** A token with every field chosen: for expired and wrong-audience cases. */
  public String token(Role role, String scope, Instant issued, Duration ttl, String audience) {
    try {
      return TokenTool.mint(
          signingKey(), "distsync", audience, "test-" + role.claim(), role, scope, ttl, issued);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private PrivateKey signingKey() {
    PrivateKey k = signingKey;
    if (k == null) {
      try {
        k =
            TokenTool.privateKey(
                dir.resolve("signing.p12").toString(), "jwt", PASSWORD.toCharArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      signingKey = k;
    }
    return k;
  }

  private SSLContext context(boolean member) {
    return context(this, member);
  }

  /**
   * A context that trusts {@code trusted}'s CA and, for a member, presents this PKI's certificate.
   */
  private SSLContext context(TestPki trusted, boolean member) {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(trusted.trustStore()));
      KeyManagerFactory keys = null;
      if (member) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore()), PASSWORD.toCharArray());
      }
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyStore load(Path file) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  /** Makes the files with keytool, unless a previous run of this JVM's build left them. */
  private void make(String name) {
    if (Files.exists(dir.resolve("done"))) {
      return;
    }
    try {
      Files.createDirectories(dir);
      for (String f : List.of("ca.p12", "member.p12", "truststore.p12", "signing.p12")) {
        Files.deleteIfExists(dir.resolve(f));
      }
      keytool(
          "-genkeypair",
          "-alias",
          "ca",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=" + name + "-test-ca",
          "-ext",
          "bc:c",
          "-validity",
          "3650",
          "-keystore",
          "ca.p12");
      Files.writeString(
          caPem(), keytoolOut("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12"));
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          "ca",
          "-file",
          "ca.pem",
          "-keystore",
          "truststore.p12");
      keytool(
          "-genkeypair",
          "-alias",
          "node",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=" + name + "-member",
          "-validity",
          "3650",
          "-keystore",
          "member.p12");
      String request = keytoolOut("-certreq", "-alias", "node", "-keystore", "member.p12");
      Files.writeString(dir.resolve("member.csr"), request);
      Files.writeString(
          dir.resolve("member.pem"),
          keytoolOut(
              "-gencert",
              "-alias",
              "ca",
              "-keystore",
              "ca.p12",
              "-infile",
              "member.csr",
              "-ext",
              "san=dns:localhost,ip:127.0.0.1",
              "-ext",
              "eku=serverAuth,clientAuth",
              "-validity",
              "3650",
              "-rfc"));
      keytool(
          "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "member.p12");
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          "node",
          "-file",
          "member.pem",
          "-keystore",
          "member.p12");
      keytool(
          "-genkeypair",
          "-alias",
          "jwt",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-dname",
          "CN=" + name + "-tokens",
          "-validity",
          "3650",
          "-keystore",
          "signing.p12");
      Files.writeString(
          signingPem(),
          keytoolOut("-exportcert", "-rfc", "-alias", "jwt", "-keystore", "signing.p12"));
      Files.writeString(dir.resolve("done"), "made by TestPki\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void keytool(String... args) {
    keytoolOut(args);
  }

  private String keytoolOut(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool "
                + String.join(" ", args)
                + " failed: "
                + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
