package io.distsync.cache.mesi;

/** What client operations answer. */
public final class Results {
  private Results() {}

  /** Where a read found its value. */
  public enum Source {
    LOCAL,
    PEER,
    REDIS;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A read: the value as JSON text, its version, the line's state, and where it came from. */
  public record Read(String key, String value, long version, MesiState state, Source source) {}

  /** A write: the version it created and the state the writer's line was left in. */
  public record Write(String key, long version, MesiState state) {}
}
