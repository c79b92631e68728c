package io.distsync.cache.eviction;

/**
 * The order in which a bounded cache gives up its entries. Every method is O(1). The cache keeps
 * the {@link Handle} {@link #add} returns beside its entry, so that a hit needs no second lookup.
 *
 * @param <K> the key type
 */
public interface EvictionPolicy<K> {

  /** What the policy keeps per entry; opaque to the cache. */
  interface Handle<K> {
    K key();
  }

  /** Starts tracking {@code key} (not tracked yet) as just used once. */
  Handle<K> add(K key);

  /** Records one use of a tracked entry. */
  void touch(Handle<K> handle);

  /** Stops tracking an entry; a handle already removed is ignored. */
  void remove(Handle<K> handle);

  /** The entry to evict next, or null when none is tracked. Does not remove it. */
  K victim();

  int size();

  /** A new, empty policy of the given kind. */
  static <K> EvictionPolicy<K> of(Kind kind) {
    return kind == Kind.LFU ? new LfuPolicy<>() : new LruPolicy<>();
  }

  /** The policies {@code CACHE_POLICY} names. */
  enum Kind {
    LRU,
    LFU;

    /** Parses {@code LRU} or {@code LFU}, in any case. */
    public static Kind parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("CACHE_POLICY must be LRU or LFU, not '" + value + "'");
      }
    }
  }
}
