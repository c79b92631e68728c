package io.distsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
  private static KeyPair key;
  private static KeyPair other;

  @BeforeAll
  static void keys() throws NoSuchAlgorithmException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    key = g.generateKeyPair();
    other = g.generateKeyPair();
  }

  private static String mint(
      KeyPair k, Role role, String scope, Instant issued, Duration ttl, String aud)
      throws Exception {
    return TokenTool.mint(k.getPrivate(), "distsync", aud, "alice", role, scope, ttl, issued);
  }

  private static TokenVerifier verifier(AtomicReference<Instant> now, int cache) {
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    return new TokenVerifier(key.getPublic(), "distsync", "distsync", cache, clock);
  }

  @Test
  void a_valid_token_names_its_subject_role_and_scopes() throws Exception {
    TokenVerifier v = verifier(new AtomicReference<>(Instant.now()), 10);
    Caller c =
        v.verify(
            mint(
                key,
                Role.CLIENT,
                "orders/* carts/1",
                Instant.now(),
                Duration.ofHours(1),
                "distsync"));
    assertThat(c.subject()).isEqualTo("alice");
    assertThat(c.role()).isEqualTo(Role.CLIENT);
    assertThat(c.has(Role.READER)).isTrue();
    assertThat(c.has(Role.ADMIN)).isFalse();
    assertThat(c.scopes().allows("orders/42")).isTrue();
    assertThat(c.scopes().allows("carts/1")).isTrue();
    assertThat(c.scopes().allows("carts/10")).isFalse();
    assertThat(c.scopes().allows("payments/x")).isFalse();
  }

  @Test
  void tokens_signed_by_another_key_expired_or_for_another_audience_are_rejected()
      throws Exception {
    TokenVerifier v = verifier(new AtomicReference<>(Instant.now()), 10);
    Instant now = Instant.now();
    assertThatThrownBy(
            () -> v.verify(mint(other, Role.ADMIN, null, now, Duration.ofHours(1), "distsync")))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessage("bad signature");
    assertThatThrownBy(
            () ->
                v.verify(
                    mint(
                        key,
                        Role.ADMIN,
                        null,
                        now.minusSeconds(7200),
                        Duration.ofHours(1),
                        "distsync")))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessage("expired");
    assertThatThrownBy(
            () -> v.verify(mint(key, Role.ADMIN, null, now, Duration.ofHours(1), "other")))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessage("wrong audience");
    assertThatThrownBy(() -> v.verify("not-a-token")).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void a_token_whose_signature_was_altered_is_rejected() throws Exception {
    TokenVerifier v = verifier(new AtomicReference<>(Instant.now()), 10);
    String token = mint(key, Role.READER, null, Instant.now(), Duration.ofHours(1), "distsync");
    // Raise the role in the payload and keep the signature: it no longer matches.
    String[] parts = token.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"reader\"", "\"admin\"");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
            + "."
            + parts[2];
    assertThatThrownBy(() -> v.verify(forged)).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void a_remembered_token_is_still_refused_once_it_expires() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    TokenVerifier v = verifier(now, 10);
    String token = mint(key, Role.READER, null, now.get(), Duration.ofMinutes(5), "distsync");
    assertThat(v.verify(token).role()).isEqualTo(Role.READER);
    assertThat(v.remembered()).isEqualTo(1);
    assertThat(v.verify(token).role()).as("served from memory").isEqualTo(Role.READER);
    now.set(now.get().plus(Duration.ofMinutes(6)));
    assertThatThrownBy(() -> v.verify(token))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessage("expired");
    assertThat(v.remembered()).isZero();
  }

  @Test
  void the_memory_of_verified_tokens_is_bounded() throws Exception {
    TokenVerifier v = verifier(new AtomicReference<>(Instant.now()), 3);
    for (int i = 0; i < 10; i++) {
      v.verify(mint(key, Role.READER, "n" + i, Instant.now(), Duration.ofHours(1), "distsync"));
      assertThat(v.remembered()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void a_token_whose_groups_name_none_of_our_roles_authenticates_without_rights() throws Exception {
    Instant now = Instant.now();
    com.nimbusds.jwt.SignedJWT jwt =
        new com.nimbusds.jwt.SignedJWT(
            new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256),
            new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer("distsync")
                .audience("distsync")
                .subject("bob")
                .claim("groups", java.util.List.of("root"))
                .expirationTime(java.util.Date.from(now.plusSeconds(600)))
                .build());
    jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key.getPrivate()));
    Caller c = verifier(new AtomicReference<>(now), 10).verify(jwt.serialize());
    assertThat(c.subject()).isEqualTo("bob");
    assertThat(c.role()).isNull();
    assertThat(c.has(Role.READER)).isFalse();
  }
}
