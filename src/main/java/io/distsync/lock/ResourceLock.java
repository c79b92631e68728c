package io.distsync.lock;

import io.distsync.lock.model.HolderView;
import io.distsync.lock.model.LockView;
import io.distsync.lock.model.WaiterView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One resource's holders and its line of waiters (upgrades first, then first come first served).
 */
final class ResourceLock {
  final String name;
  final Map<String, Holder> holders = new LinkedHashMap<>();
  final List<Waiter> waiters = new ArrayList<>();

  ResourceLock(String name) {
    this.name = name;
  }

  boolean isEmpty() {
    return holders.isEmpty() && waiters.isEmpty();
  }

  /** Exclusive if anyone holds it exclusively, shared if held, else null. */
  LockMode mode() {
    if (holders.isEmpty()) {
      return null;
    }
    for (Holder h : holders.values()) {
      if (h.mode == LockMode.EXCLUSIVE) {
        return LockMode.EXCLUSIVE;
      }
    }
    return LockMode.SHARED;
  }

  /** True when {@code owner} could hold the lock in {@code mode} beside the other holders. */
  boolean compatible(String owner, LockMode mode) {
    for (Holder h : holders.values()) {
      if (!h.owner.equals(owner) && !mode.compatibleWith(h.mode)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whom {@code owner}, asking for {@code mode} at place {@code position} in line, waits for: the
   * other owners holding in a conflicting mode, and those ahead in line with a conflicting request
   * (first come, first served: a shared request behind an exclusive one waits for it).
   */
  List<String> blockers(String owner, LockMode mode, int position) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Holder h : holders.values()) {
      if (!h.owner.equals(owner) && !mode.compatibleWith(h.mode)) {
        out.add(h.owner);
      }
    }
    for (int i = 0; i < position && i < waiters.size(); i++) {
      Waiter w = waiters.get(i);
      if (!w.owner().equals(owner) && !mode.compatibleWith(w.mode())) {
        out.add(w.owner());
      }
    }
    return new ArrayList<>(out);
  }

  /** True when {@code owner} holds this lock or waits in its line. */
  boolean involves(String owner) {
    return holders.containsKey(owner) || isWaiting(owner);
  }

  boolean isWaiting(String owner) {
    for (Waiter w : waiters) {
      if (w.owner().equals(owner)) {
        return true;
      }
    }
    return false;
  }

  /** Where an upgrade joins the line: behind the upgrades already waiting, ahead of the rest. */
  int upgradeSlot() {
    int i = 0;
    while (i < waiters.size() && holders.containsKey(waiters.get(i).owner())) {
      i++;
    }
    return i;
  }

  Waiter waiter(String requestId) {
    for (Waiter w : waiters) {
      if (w.requestId().equals(requestId)) {
        return w;
      }
    }
    return null;
  }

  List<HolderView> holderViews() {
    List<HolderView> out = new ArrayList<>(holders.size());
    for (Holder h : holders.values()) {
      out.add(new HolderView(h.owner, h.token, h.expiresAt, h.holdCount));
    }
    return out;
  }

  LockView view() {
    List<WaiterView> line = new ArrayList<>(waiters.size());
    for (Waiter w : waiters) {
      line.add(new WaiterView(w.owner(), w.mode().wire(), w.since()));
    }
    LockMode mode = mode();
    return new LockView(name, mode == null ? null : mode.wire(), holderViews(), line);
  }
}
