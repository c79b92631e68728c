package io.distsync.cache.eviction;

/**
 * Least recently used first: a doubly linked list in order of last use, the oldest at the head. A
 * use moves the entry to the tail; the victim is the head. Every operation is O(1).
 */
public final class LruPolicy<K> implements EvictionPolicy<K> {

  private static final class Node<K> implements Handle<K> {
    final K key;
    Node<K> prev;
    Node<K> next;
    boolean linked;

    Node(K key) {
      this.key = key;
    }

    @Override
    public K key() {
      return key;
    }
  }

  private Node<K> head; // least recently used
  private Node<K> tail; // most recently used
  private int size;

  @Override
  public Handle<K> add(K key) {
    Node<K> n = new Node<>(key);
    append(n);
    size++;
    return n;
  }

  @Override
  public void touch(Handle<K> handle) {
    Node<K> n = (Node<K>) handle;
    if (!n.linked || n == tail) {
      return;
    }
    unlink(n);
    append(n);
  }

  @Override
  public void remove(Handle<K> handle) {
    Node<K> n = (Node<K>) handle;
    if (n.linked) {
      unlink(n);
      size--;
    }
  }

  @Override
  public K victim() {
    return head == null ? null : head.key;
  }

  @Override
  public int size() {
    return size;
  }

  private void append(Node<K> n) {
    n.prev = tail;
    n.next = null;
    if (tail == null) {
      head = n;
    } else {
      tail.next = n;
    }
    tail = n;
    n.linked = true;
  }

  private void unlink(Node<K> n) {
    if (n.prev == null) {
      head = n.next;
    } else {
      n.prev.next = n.next;
    }
    if (n.next == null) {
      tail = n.prev;
    } else {
      n.next.prev = n.prev;
    }
    n.prev = null;
    n.next = null;
    n.linked = false;
  }
}
