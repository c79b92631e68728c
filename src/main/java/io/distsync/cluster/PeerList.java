package io.distsync.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the {@code PEERS} setting: {@code id=url} pairs separated by commas. */
public final class PeerList {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private PeerList() {}

  /**
   * @throws IllegalArgumentException naming the offending entry when the list is malformed
   */
  public static List<Peer> parse(String value) {
    List<Peer> peers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    if (value == null || value.isBlank()) {
      return peers;
    }
    for (String raw : value.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("PEERS entry '" + entry + "' is not id=url");
      }
      String id = entry.substring(0, eq).trim();
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("PEERS entry '" + entry + "' has an invalid id");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException("PEERS names '" + id + "' twice");
      }
      peers.add(new Peer(id, parseUrl(entry, entry.substring(eq + 1).trim())));
    }
    return List.copyOf(peers);
  }

  private static URI parseUrl(String entry, String url) {
    URI uri;
    try {
      uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEERS entry '" + entry + "' has an invalid URL", e);
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!http || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "PEERS entry '" + entry + "' needs an http(s) URL with a host");
    }
    return uri;
  }
}
