package io.distsync.cache.eviction;

/**
 * Least frequently used first, in O(1) per operation (Shah, Mitra and Matani, "An O(1) algorithm
 * for implementing the LFU cache eviction scheme", 2010): entries hang off a doubly linked list of
 * frequency buckets in increasing order of use count. A use moves the entry to the bucket of the
 * next count, creating it beside the current one when missing; the victim is the oldest entry of
 * the lowest bucket, so ties between equal counts go to the least recently used.
 */
public final class LfuPolicy<K> implements EvictionPolicy<K> {

  private static final class Bucket<K> {
    final long count;
    Bucket<K> prev;
    Bucket<K> next;
    Node<K> first; // least recently used of this count
    Node<K> last;

    Bucket(long count) {
      this.count = count;
    }
  }

  private static final class Node<K> implements Handle<K> {
    final K key;
    Bucket<K> bucket;
    Node<K> prev;
    Node<K> next;

    Node(K key) {
      this.key = key;
    }

    @Override
    public K key() {
      return key;
    }
  }

  private Bucket<K> lowest;
  private int size;

  @Override
  public Handle<K> add(K key) {
    Node<K> n = new Node<>(key);
    Bucket<K> b = lowest;
    if (b == null || b.count != 1) {
      b = insertBucketAfter(null, 1);
    }
    append(b, n);
    size++;
    return n;
  }

  @Override
  public void touch(Handle<K> handle) {
    Node<K> n = (Node<K>) handle;
    Bucket<K> from = n.bucket;
    if (from == null) {
      return;
    }
    Bucket<K> to = from.next;
    if (to == null || to.count != from.count + 1) {
      to = insertBucketAfter(from, from.count + 1);
    }
    detach(n);
    append(to, n);
  }

  @Override
  public void remove(Handle<K> handle) {
    Node<K> n = (Node<K>) handle;
    if (n.bucket != null) {
      detach(n);
      size--;
    }
  }

  @Override
  public K victim() {
    return lowest == null ? null : lowest.first.key;
  }

  @Override
  public int size() {
    return size;
  }

  /** How often a tracked entry was used (1 after {@link #add}); for tests. */
  public long count(Handle<K> handle) {
    Bucket<K> b = ((Node<K>) handle).bucket;
    return b == null ? 0 : b.count;
  }

  private Bucket<K> insertBucketAfter(Bucket<K> before, long count) {
    Bucket<K> b = new Bucket<>(count);
    Bucket<K> after = before == null ? lowest : before.next;
    b.prev = before;
    b.next = after;
    if (before == null) {
      lowest = b;
    } else {
      before.next = b;
    }
    if (after != null) {
      after.prev = b;
    }
    return b;
  }

  private void append(Bucket<K> b, Node<K> n) {
    n.bucket = b;
    n.prev = b.last;
    n.next = null;
    if (b.last == null) {
      b.first = n;
    } else {
      b.last.next = n;
    }
    b.last = n;
  }

  /** Takes the node out of its bucket, and drops the bucket when it becomes empty. */
  private void detach(Node<K> n) {
    Bucket<K> b = n.bucket;
    if (n.prev == null) {
      b.first = n.next;
    } else {
      n.prev.next = n.next;
    }
    if (n.next == null) {
      b.last = n.prev;
    } else {
      n.next.prev = n.prev;
    }
    n.prev = null;
    n.next = null;
    n.bucket = null;
    if (b.first == null) {
      if (b.prev == null) {
        lowest = b.next;
      } else {
        b.prev.next = b.next;
      }
      if (b.next != null) {
        b.next.prev = b.prev;
      }
    }
  }
}
