package io.distsync.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code redis://[user:password@]host[:port][/db]} (or {@code rediss://} for TLS) URL.
 *
 * @param host host name
 * @param port port, 6379 when absent
 * @param database database number, 0 when absent
 * @param user ACL user, or null
 * @param password password, or null
 * @param tls whether to use TLS ({@code rediss})
 */
public record RedisUrl(
    String host, int port, int database, String user, String password, boolean tls) {

  public static RedisUrl parse(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("REDIS_URL '" + value + "' is not a URL", e);
    }
    boolean tls = "rediss".equals(uri.getScheme());
    if (!tls && !"redis".equals(uri.getScheme())) {
      throw new IllegalArgumentException("REDIS_URL '" + value + "' must start with redis://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("REDIS_URL '" + value + "' has no host");
    }
    int port = uri.getPort() == -1 ? 6379 : uri.getPort();
    int db = 0;
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      try {
        db = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("REDIS_URL '" + value + "' has a bad database number");
      }
    }
    String user = null;
    String password = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      if (colon < 0) {
        password = decode(info);
      } else {
        user = colon == 0 ? null : decode(info.substring(0, colon));
        password = decode(info.substring(colon + 1));
      }
    }
    return new RedisUrl(uri.getHost(), port, db, user, password, tls);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL without credentials, safe to log and show. */
  public String redacted() {
    return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return redacted();
  }
}
