package io.distsync.raft.impl;

import io.distsync.raft.EntryType;
import io.distsync.raft.LeadershipLostException;
import io.distsync.raft.LeadershipTransferException;
import io.distsync.raft.LogEntry;
import io.distsync.raft.NotLeaderException;
import io.distsync.raft.RaftException;
import io.distsync.raft.RaftTimeoutException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Client proposals on the leader: queued, appended in batches by {@link ProposalFlushTask} (one
 * store append, one sync, one replication round per batch), completed when applied.
 */
final class Proposals {
  private final RaftNodeImpl node;
  private final List<Queued> queue = new ArrayList<>();
  private boolean flushScheduled;

  /** Appended, not yet applied: by log index. */
  private final TreeMap<Long, Pending> pending = new TreeMap<>();

  private record Queued(byte[] command, CompletableFuture<Object> future, long arrivedAt) {}

  private record Pending(long term, CompletableFuture<Object> future, long arrivedAt) {}

  Proposals(RaftNodeImpl node) {
    this.node = node;
  }

  void propose(byte[] command, CompletableFuture<Object> f, long arrivedAt) {
    RaftState s = node.state;
    if (!s.isLeader()) {
      f.completeExceptionally(new NotLeaderException(node.id, s.leaderId));
      return;
    }
    if (s.leader.transfer != null) {
      f.completeExceptionally(
          new LeadershipTransferException(
              "leadership transfer to " + s.leader.transfer.target + " in progress; retry"));
      return;
    }
    queue.add(new Queued(command, f, arrivedAt));
    if (!flushScheduled) {
      flushScheduled = true;
      node.executor.execute(node.guarded(new ProposalFlushTask(node)));
    }
  }

  /** Appends everything queued as one batch and replicates it. */
  void flush() {
    flushScheduled = false;
    if (queue.isEmpty()) {
      return;
    }
    RaftState s = node.state;
    List<Queued> batch = new ArrayList<>(queue);
    queue.clear();
    if (!s.isLeader()) {
      batch.forEach(
          q -> q.future.completeExceptionally(new NotLeaderException(node.id, s.leaderId)));
      return;
    }
    List<LogEntry> entries = new ArrayList<>(batch.size());
    long index = node.log.lastIndex();
    for (Queued q : batch) {
      index++;
      entries.add(new LogEntry(index, s.currentTerm, EntryType.COMMAND, q.command));
      pending.put(index, new Pending(s.currentTerm, q.future, q.arrivedAt));
    }
    node.log.append(entries);
    node.listener.onEntriesPerBatch(node.id, entries.size());
    node.durability.requestSync();
    node.replicator.broadcast(false);
    node.replicator.tryCommit();
  }

  /** Tracks an entry appended outside the queue (configuration changes). */
  void track(long index, CompletableFuture<Object> f) {
    pending.put(index, new Pending(node.state.currentTerm, f, node.now()));
  }

  void onApplied(long index, long term, Object result, RuntimeException failure) {
    Pending p = pending.remove(index);
    if (p == null) {
      return;
    }
    if (p.term != term) {
      // Our entry was overwritten by another leader's (§5.3): it will never apply.
      p.future.completeExceptionally(
          new LeadershipLostException("entry " + index + " was replaced by a newer leader"));
    } else if (failure != null) {
      p.future.completeExceptionally(failure);
    } else {
      node.listener.onProposalLatency(node.id, node.now() - p.arrivedAt);
      p.future.complete(result);
    }
  }

  void onLeadershipLost(String reason) {
    RaftException e =
        new LeadershipLostException(
            "node "
                + node.id
                + " lost leadership ("
                + reason
                + ") before the entry was seen committed; outcome unknown");
    for (Pending p : pending.values()) {
      p.future.completeExceptionally(e);
    }
    pending.clear();
    for (Queued q : queue) {
      q.future.completeExceptionally(new NotLeaderException(node.id, node.state.leaderId));
    }
    queue.clear();
  }

  void expire(long now) {
    long timeout = node.config.proposalTimeoutMs();
    for (Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Pending> e = it.next();
      if (now - e.getValue().arrivedAt >= timeout) {
        it.remove();
        e.getValue()
            .future
            .completeExceptionally(
                new RaftTimeoutException(
                    "entry "
                        + e.getKey()
                        + " not applied within "
                        + timeout
                        + " ms; outcome unknown"));
      }
    }
  }

  void failAll(RaftException e) {
    pending.values().forEach(p -> p.future.completeExceptionally(e));
    pending.clear();
    queue.forEach(q -> q.future.completeExceptionally(e));
    queue.clear();
  }
}
