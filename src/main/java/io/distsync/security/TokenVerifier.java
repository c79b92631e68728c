package io.distsync.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies bearer tokens: RS256 signatures by the cluster's signing key, the issuer, the audience
 * and the expiry (MicroProfile JWT 2.1 claims). A verified token is remembered until it expires, so
 * a client that sends the same token on every request costs one signature check, not one per
 * request. The memory is bounded: past {@code cacheSize} tokens it starts afresh.
 *
 * <p>Thread-safe; never blocks.
 */
public final class TokenVerifier {
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final Map<String, Caller> verified = new ConcurrentHashMap<>();
  private final int cacheSize;
  private final Clock clock;

  /** A verifier of tokens signed by {@code key}, for {@code issuer} and {@code audience}. */
  public TokenVerifier(PublicKey key, String issuer, String audience, int cacheSize, Clock clock) {
    this.cacheSize = cacheSize;
    this.clock = clock;
    processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, key));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "exp", "groups"));
    claims.setMaxClockSkew(30);
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * The public key in a PEM file's text: a {@code CERTIFICATE} (as {@code keytool -exportcert -rfc}
   * writes it) or a {@code PUBLIC KEY}.
   */
  public static PublicKey publicKey(String pem) {
    try {
      if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        return CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
            .getPublicKey();
      }
      String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an RSA public key or certificate in PEM: " + e, e);
    }
  }

  /** The caller a token authenticates, or why it does not. */
  public Caller verify(String token) throws TokenRejectedException {
    Caller known = verified.get(token);
    Instant now = clock.instant();
    if (known != null) {
      if (known.expiresAt().isAfter(now)) {
        return known;
      }
      verified.remove(token);
      throw new TokenRejectedException("expired");
    }
    Caller caller = check(token);
    if (verified.size() >= cacheSize) {
      verified.clear(); // bounded: a flood of distinct valid tokens only costs re-verification
    }
    verified.put(token, caller);
    return caller;
  }

  /** How many verified tokens are remembered (for tests of the bound). */
  int remembered() {
    return verified.size();
  }

  private Caller check(String token) throws TokenRejectedException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new TokenRejectedException("malformed token");
    } catch (BadJOSEException e) {
      throw new TokenRejectedException(reason(e.getMessage()));
    } catch (JOSEException e) {
      throw new TokenRejectedException("signature check failed");
    }
    try {
      String subject =
          Optional.ofNullable(claims.getStringClaim("upn")).orElse(claims.getSubject());
      List<String> groups =
          Optional.ofNullable(claims.getStringListClaim("groups")).orElse(List.of());
      Role role = null;
      for (String g : groups) {
        Role r = Role.fromClaim(g).orElse(null);
        if (r != null && (role == null || r.includes(role))) {
          role = r;
        }
      }
      return new Caller(
          subject,
          role,
          NameScopes.parse(claims.getStringClaim("scope")),
          claims.getExpirationTime().toInstant());
    } catch (ParseException e) {
      throw new TokenRejectedException("malformed claims: " + e.getMessage());
    }
  }

  private static String reason(String message) {
    String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    if (m.contains("expired")) {
      return "expired";
    }
    if (m.contains("signature")) {
      return "bad signature";
    }
    if (m.contains("aud")) {
      return "wrong audience";
    }
    if (m.contains("iss")) {
      return "wrong issuer";
    }
    if (m.contains("alg") || m.contains("key")) {
      return "wrong algorithm or key";
    }
    return "rejected: " + message;
  }
}
