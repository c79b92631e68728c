package io.distsync.raft.impl;

import io.distsync.raft.UnsafeRule;
import io.distsync.raft.message.RaftMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracks which log prefix is on disk and runs {@code store.sync()} (group commit: one sync at a
 * time, covering everything appended before it; requests meanwhile share the next one). Followers
 * answer AppendEntries only once the entries they acknowledge are durable (Figure 2); the leader
 * counts itself toward a majority only for durable entries.
 */
final class Durability {
  private final RaftNodeImpl node;
  private long durableIndex;

  /** Bumped by every truncation: a sync that started before it proves nothing about the log. */
  private long epoch;

  private boolean syncRunning;
  private boolean syncAgain;
  private final List<PendingReply> replies = new ArrayList<>();

  private record PendingReply(long matchIndex, String target, RaftMessage reply) {}

  Durability(RaftNodeImpl node) {
    this.node = node;
  }

  long durableIndex() {
    return durableIndex;
  }

  void recovered(long lastIndex) {
    durableIndex = lastIndex;
  }

  void onTruncated(long fromIndex) {
    durableIndex = Math.min(durableIndex, fromIndex - 1);
    epoch++;
    replies.clear(); // they acknowledged entries that are gone; the leader will retry
  }

  void onSnapshotInstalled(long lastIncludedIndex, boolean logReset) {
    if (logReset) {
      epoch++;
      replies.clear();
      durableIndex = lastIncludedIndex;
    } else {
      durableIndex = Math.max(durableIndex, lastIncludedIndex);
    }
  }

  /** Sends {@code reply} once the log is durable up to {@code matchIndex} (Figure 2). */
  void replyWhenDurable(long matchIndex, String target, RaftMessage reply) {
    if (matchIndex <= durableIndex || node.config.breaks(UnsafeRule.ACK_BEFORE_SYNC)) {
      node.send(target, reply);
      return;
    }
    replies.add(new PendingReply(matchIndex, target, reply));
    requestSync();
  }

  void requestSync() {
    if (syncRunning) {
      syncAgain = true;
      return;
    }
    syncRunning = true;
    syncAgain = false;
    long startEpoch = epoch;
    long startedAt = node.now();
    Runnable io =
        () -> {
          long synced;
          try {
            synced = node.store.sync();
          } catch (Exception e) {
            node.executor.execute(node.guarded(() -> node.fatal(e)));
            return;
          }
          node.executor.execute(node.guarded(() -> onSynced(synced, startEpoch, startedAt)));
        };
    if (node.syncExecutor == null) {
      io.run();
    } else {
      node.syncExecutor.execute(io);
    }
  }

  private void onSynced(long synced, long startEpoch, long startedAt) {
    syncRunning = false;
    if (startEpoch == epoch) {
      durableIndex = Math.max(durableIndex, Math.min(synced, node.log.lastIndex()));
    } else {
      syncAgain = true;
    }
    node.listener.onFsync(node.id, node.now() - startedAt, durableIndex);
    if (!replies.isEmpty()) {
      List<PendingReply> still = new ArrayList<>();
      for (PendingReply r : replies) {
        if (r.matchIndex <= durableIndex) {
          node.send(r.target, r.reply);
        } else {
          still.add(r);
        }
      }
      replies.clear();
      replies.addAll(still);
    }
    if (node.state.isLeader()) {
      node.replicator.tryCommit();
    }
    if (syncAgain) {
      requestSync();
    }
  }
}
