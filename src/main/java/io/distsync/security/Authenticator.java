package io.distsync.security;

import io.distsync.cluster.NodeLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** This node's {@link TokenVerifier}, built once from the configured signing key. */
@ApplicationScoped
public class Authenticator {
  private static final NodeLog LOG = NodeLog.of(Authenticator.class);

  @Inject SecuritySettings settings;

  private TokenVerifier verifier;

  @PostConstruct
  void load() {
    if (!settings.authOn()) {
      LOG.warn("AUTH=off: every request is served without a token, with every right");
      return;
    }
    String file = settings.publicKeyFile().orElse(null);
    if (file == null) {
      LOG.error(
          null, "AUTH is on but AUTH_PUBLIC_KEY is not set: every request will be answered 401");
      return;
    }
    try {
      verifier =
          new TokenVerifier(
              TokenVerifier.publicKey(Files.readString(Path.of(file))),
              settings.issuer(),
              settings.audience(),
              settings.tokenCacheSize(),
              Clock.systemUTC());
      LOG.info(
          "bearer tokens verified with the key in "
              + file
              + " (issuer "
              + settings.issuer()
              + ", audience "
              + settings.audience()
              + ")");
    } catch (IOException | RuntimeException e) {
      LOG.error(e, "AUTH_PUBLIC_KEY " + file + " cannot be read: " + e.getMessage());
    }
  }

  public boolean on() {
    return settings.authOn();
  }

  /** The caller {@code token} authenticates. */
  public Caller verify(String token) throws TokenRejectedException {
    TokenVerifier v = verifier;
    if (v == null) {
      throw new TokenRejectedException("no signing key configured on this node");
    }
    return v.verify(token);
  }
}
