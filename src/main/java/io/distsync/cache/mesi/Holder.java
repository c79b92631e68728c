package io.distsync.cache.mesi;

/**
 * A node in one lease epoch, as the directory records holders: {@code nodeId#epoch}. Each time a
 * node starts a lease it gets a new epoch and drops every line it had, so an entry whose epoch is
 * not the node's current one names lines that no longer exist.
 */
public record Holder(String nodeId, long epoch) {

  /** Parses {@code nodeId#epoch}; node ids never contain '#'. */
  public static Holder parse(String text) {
    int i = text.lastIndexOf('#');
    if (i <= 0) {
      throw new IllegalArgumentException("not a holder: " + text);
    }
    return new Holder(text.substring(0, i), Long.parseLong(text.substring(i + 1)));
  }

  @Override
  public String toString() {
    return nodeId + "#" + epoch;
  }
}
