package io.distsync.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consistent-hash ring with virtual nodes: each member is placed at {@code virtualNodes} points
 * (hashes of {@code "<member id>#<i>"}); a name belongs to the first point at or after its hash,
 * wrapping around. Adding or removing one of N members moves only about 1/N of the names, and only
 * to or from that member. Immutable, so a reader never sees a half-built ring.
 *
 * @param <T> what a member stands for (a node id, a shard index, a partition number)
 */
final class HashRing<T> {
  private final long[] points;
  private final List<T> owners;
  private final Map<String, T> members;
  private final int virtualNodes;

  private HashRing(long[] points, List<T> owners, Map<String, T> members, int virtualNodes) {
    this.points = points;
    this.owners = owners;
    this.members = members;
    this.virtualNodes = virtualNodes;
  }

  /**
   * Builds a ring.
   *
   * @param members each member's stable id (what is hashed) and the value it stands for
   * @param virtualNodes points per member, at least 1
   */
  static <T> HashRing<T> of(Map<String, T> members, int virtualNodes) {
    if (virtualNodes < 1) {
      throw new IllegalArgumentException("virtualNodes must be at least 1");
    }
    // A TreeMap sorted by member id decides hash collisions (astronomically rare) the same way
    // on every node: the smaller id wins.
    TreeMap<String, T> sortedMembers = new TreeMap<>(members);
    TreeMap<Long, T> byPoint = new TreeMap<>();
    for (Map.Entry<String, T> m : sortedMembers.entrySet()) {
      for (int i = 0; i < virtualNodes; i++) {
        byPoint.putIfAbsent(Hashing.hash64(m.getKey() + "#" + i), m.getValue());
      }
    }
    long[] points = new long[byPoint.size()];
    List<T> owners = new ArrayList<>(byPoint.size());
    int i = 0;
    for (Map.Entry<Long, T> e : byPoint.entrySet()) {
      points[i++] = e.getKey();
      owners.add(e.getValue());
    }
    return new HashRing<>(
        points,
        Collections.unmodifiableList(owners),
        Collections.unmodifiableMap(sortedMembers),
        virtualNodes);
  }

  boolean isEmpty() {
    return points.length == 0;
  }

  /** The member that owns {@code name}; the ring must not be empty. */
  T locate(String name) {
    if (points.length == 0) {
      throw new IllegalStateException("the ring has no members");
    }
    int at = Arrays.binarySearch(points, Hashing.hash64(name));
    if (at < 0) {
      at = -at - 1;
    }
    return owners.get(at == points.length ? 0 : at);
  }

  /** The members, by id. */
  Map<String, T> members() {
    return members;
  }

  int virtualNodes() {
    return virtualNodes;
  }
}
