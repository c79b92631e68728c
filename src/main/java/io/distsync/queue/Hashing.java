package io.distsync.queue;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit string hash that every node computes identically (FNV-1a over the UTF-8 bytes, then the
 * MurmurHash3 finalizer so that near-identical strings such as {@code node1#7} and {@code node1#8}
 * land far apart on the ring). Rule: all nodes must derive the same ring from the same members, so
 * no JVM-dependent hash ({@code String.hashCode} is stable but too weak) and no random seed.
 */
final class Hashing {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hashing() {}

  static long hash64(String value) {
    long h = FNV_OFFSET;
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return mix(h);
  }

  /** MurmurHash3's fmix64: spreads every input bit over the whole word. */
  static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
