package io.distsync.raft.impl;

import io.distsync.raft.LeadershipLostException;
import io.distsync.raft.NotLeaderException;
import io.distsync.raft.RaftException;
import io.distsync.raft.RaftMember;
import io.distsync.raft.RaftTimeoutException;
import io.distsync.raft.message.ReadIndexRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Linearizable reads by ReadIndex (dissertation §6.4). On the leader: once it has committed an
 * entry of its term, record commitIndex, confirm leadership with a heartbeat round answered by a
 * majority, then hand out that index. Any node then waits until it has applied up to the index.
 * Followers ask the leader with {@link ReadIndexRequest}.
 */
final class ReadIndexTracker {
  /** Told the outcome of a leader-side read index. */
  interface Callback {
    void confirmed(long readIndex);

    void failed(RaftException e);
  }

  private record Queued(Callback callback, long arrivedAt) {}

  private record Round(long round, long readIndex, List<Queued> callbacks) {}

  private record Waiter(long index, CompletableFuture<Long> future, long arrivedAt) {}

  private record Remote(CompletableFuture<Long> future, long arrivedAt) {}

  private final RaftNodeImpl node;
  private final List<Queued> queued = new ArrayList<>();
  private final List<Round> rounds = new ArrayList<>();
  private boolean flushScheduled;
  private final PriorityQueue<Waiter> waiters =
      new PriorityQueue<>((a, b) -> Long.compare(a.index, b.index));
  private final Map<Long, Remote> remote = new LinkedHashMap<>();
  private long nextRequestId = 1;

  ReadIndexTracker(RaftNodeImpl node) {
    this.node = node;
  }

  /** Local read: on the leader directly, elsewhere through the leader. */
  void readIndex(CompletableFuture<Long> f) {
    RaftState s = node.state;
    long now = node.now();
    if (s.isLeader()) {
      leaderRead(
          new Callback() {
            @Override
            public void confirmed(long readIndex) {
              waitApplied(readIndex, f, now);
            }

            @Override
            public void failed(RaftException e) {
              f.completeExceptionally(e);
            }
          });
    } else if (s.leaderId != null) {
      long requestId = nextRequestId++;
      remote.put(requestId, new Remote(f, now));
      node.send(s.leaderId, new ReadIndexRequest(s.currentTerm, node.id, requestId));
    } else {
      f.completeExceptionally(new NotLeaderException(node.id, null));
    }
  }

  void leaderRead(Callback cb) {
    queued.add(new Queued(cb, node.now()));
    if (!flushScheduled) {
      flushScheduled = true;
      node.executor.execute(node.guarded(new ReadIndexFlushTask(node)));
    }
  }

  /** Gives all queued reads one heartbeat round (they share its confirmation). */
  void flush() {
    flushScheduled = false;
    RaftState s = node.state;
    if (queued.isEmpty() || !s.isLeader() || s.commitIndex < s.leader.termStartIndex) {
      return; // retried by onTermCommitted() once an entry of this term commits
    }
    List<Queued> batch = new ArrayList<>(queued);
    queued.clear();
    long round = node.replicator.newRound();
    rounds.add(new Round(round, s.commitIndex, batch));
    node.replicator.broadcast(true);
    onAck(); // a single voter confirms at once
  }

  void onTermCommitted() {
    if (!queued.isEmpty() && !flushScheduled) {
      flush();
    }
  }

  /** An answer of this term arrived: confirm every round a majority has acknowledged. */
  void onAck() {
    RaftState s = node.state;
    if (!s.isLeader()) {
      return;
    }
    while (!rounds.isEmpty()) {
      Round r = rounds.get(0);
      int acks = 0;
      for (RaftMember v : node.log.membership().voters()) {
        if (v.id().equals(node.id)) {
          acks++;
        } else {
          FollowerProgress p = s.leader.followers.get(v.id());
          if (p != null && p.ackedRound >= r.round) {
            acks++;
          }
        }
      }
      if (acks < node.log.membership().quorum()) {
        return;
      }
      rounds.remove(0);
      r.callbacks.forEach(q -> q.callback.confirmed(r.readIndex));
    }
  }

  void onRemoteResponse(long requestId, boolean success, long readIndex, String leaderId) {
    Remote r = remote.remove(requestId);
    if (r == null) {
      return;
    }
    if (success) {
      waitApplied(readIndex, r.future, r.arrivedAt);
    } else {
      r.future.completeExceptionally(new NotLeaderException(node.id, leaderId));
    }
  }

  private void waitApplied(long index, CompletableFuture<Long> f, long arrivedAt) {
    if (node.state.lastApplied >= index) {
      f.complete(index);
    } else {
      waiters.add(new Waiter(index, f, arrivedAt));
    }
  }

  void onApplied() {
    long applied = node.state.lastApplied;
    while (!waiters.isEmpty() && waiters.peek().index <= applied) {
      Waiter w = waiters.poll();
      w.future.complete(w.index);
    }
  }

  void onLeadershipLost(String reason) {
    failLeaderSide(new LeadershipLostException("read aborted: " + node.id + " " + reason));
  }

  private void failLeaderSide(RaftException e) {
    rounds.forEach(r -> r.callbacks.forEach(q -> q.callback.failed(e)));
    rounds.clear();
    queued.forEach(q -> q.callback.failed(e));
    queued.clear();
  }

  void expire(long now) {
    long timeout = node.config.proposalTimeoutMs();
    RaftException e = new RaftTimeoutException("read not served within " + timeout + " ms");
    for (Iterator<Round> it = rounds.iterator(); it.hasNext(); ) {
      Round r = it.next();
      if (r.callbacks.stream().allMatch(q -> now - q.arrivedAt >= timeout)) {
        it.remove();
        r.callbacks.forEach(q -> q.callback.failed(e));
      }
    }
    queued.removeIf(
        q -> {
          boolean old = now - q.arrivedAt >= timeout;
          if (old) {
            q.callback.failed(e);
          }
          return old;
        });
    remote
        .values()
        .removeIf(
            r -> {
              boolean old = now - r.arrivedAt >= timeout;
              if (old) {
                r.future.completeExceptionally(e);
              }
              return old;
            });
    waiters.removeIf(
        w -> {
          boolean old = now - w.arrivedAt >= timeout;
          if (old) {
            w.future.completeExceptionally(e);
          }
          return old;
        });
  }

  void failAll(RaftException e) {
    failLeaderSide(e);
    remote.values().forEach(r -> r.future.completeExceptionally(e));
    remote.clear();
    waiters.forEach(w -> w.future.completeExceptionally(e));
    waiters.clear();
  }
}
