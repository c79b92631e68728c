package io.distsync.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The command line tool that mints tokens (run by {@code liberty/cluster token}; never run in the
 * server): an RS256 JWT in the MicroProfile JWT 2.1 format, signed by the key in a PKCS12 store.
 *
 * <pre>
 * TokenTool --keystore data/auth/signing.p12 --password-file data/auth/password
 *           --role client [--scope 'orders/* carts/*'] [--ttl 30d] [--subject alice]
 *           [--issuer distsync] [--audience distsync] [--alias jwt]
 * </pre>
 *
 * It prints the token alone on standard output.
 */
public final class TokenTool {
  private TokenTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the tool; returns the process exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Map<String, String> a = parse(args);
      Role role =
          Role.fromClaim(a.getOrDefault("role", ""))
              .orElseThrow(
                  () -> new IllegalArgumentException("--role must be reader, client or admin"));
      String password =
          a.containsKey("password-file")
              ? Files.readString(Path.of(a.get("password-file"))).trim()
              : a.getOrDefault("password", "");
      PrivateKey key =
          privateKey(
              required(a, "keystore"), a.getOrDefault("alias", "jwt"), password.toCharArray());
      out.println(
          mint(
              key,
              a.getOrDefault("issuer", "distsync"),
              a.getOrDefault("audience", "distsync"),
              a.getOrDefault("subject", role.claim()),
              role,
              a.get("scope"),
              ttl(a.getOrDefault("ttl", "30d")),
              Instant.now()));
      return 0;
    } catch (IllegalArgumentException | IOException | GeneralSecurityException | JOSEException e) {
      err.println("token: " + e.getMessage());
      return 2;
    }
  }

  /** A signed token. */
  public static String mint(
      PrivateKey key,
      String issuer,
      String audience,
      String subject,
      Role role,
      String scope,
      Duration ttl,
      Instant now)
      throws JOSEException {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(subject)
            .claim("upn", subject)
            .claim("groups", List.of(role.claim()))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString());
    if (scope != null && !scope.isBlank()) {
      claims.claim("scope", scope.trim());
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
            claims.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** The private key under {@code alias} in a PKCS12 store. */
  public static PrivateKey privateKey(String file, String alias, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      store.load(in, password);
    }
    if (!(store.getKey(alias, password) instanceof PrivateKey k)) {
      throw new IllegalArgumentException("no private key '" + alias + "' in " + file);
    }
    return k;
  }

  /** {@code 30d}, {@code 12h}, {@code 90m} or {@code 45s}. */
  static Duration ttl(String text) {
    if (!text.matches("[1-9][0-9]{0,6}[dhms]")) {
      throw new IllegalArgumentException("--ttl must look like 30d, 12h, 90m or 45s");
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 'd' -> Duration.ofDays(n);
      case 'h' -> Duration.ofHours(n);
      case 'm' -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "arguments go in pairs: --name value (at " + args[i] + ")");
      }
      a.put(args[i].substring(2), args[++i]);
    }
    return a;
  }

  private static String required(Map<String, String> a, String name) {
    String v = a.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }
}
