package io.distsync.raft.sim;

import io.distsync.raft.LeadershipTransferException;
import io.distsync.raft.NotLeaderException;
import io.distsync.raft.RaftNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Issues key-value operations to simulated nodes and records them in a {@link History}. */
public final class KvClient {
  private final History history = new History();
  private long opIds;

  public History history() {
    return history;
  }

  public CompletableFuture<Object> put(RaftNode node, String key, String value) {
    History.Op op = history.invoke(History.Kind.PUT, key, value, null);
    return record(op, node.propose(KvStateMachine.put(key, value, op.id)));
  }

  public CompletableFuture<Object> cas(RaftNode node, String key, String expected, String value) {
    History.Op op = history.invoke(History.Kind.CAS, key, expected, value);
    return record(op, node.propose(KvStateMachine.cas(key, expected, value, op.id)));
  }

  /** Linearizable read through ReadIndex (on any node). */
  public CompletableFuture<Object> get(RaftNode node, String key) {
    History.Op op = history.invoke(History.Kind.GET, key, null, null);
    CompletableFuture<Object> f = node.query(sm -> (Object) ((KvStateMachine) sm).read(key));
    return record(op, f);
  }

  /** Read through the log (a proposal). */
  public CompletableFuture<Object> getViaLog(RaftNode node, String key) {
    History.Op op = history.invoke(History.Kind.GET, key, null, null);
    return record(op, node.propose(KvStateMachine.get(key, ++opIds)));
  }

  private CompletableFuture<Object> record(History.Op op, CompletableFuture<Object> f) {
    f.whenComplete(
        (r, err) -> {
          if (err == null) {
            history.ok(op, String.valueOf(r));
          } else {
            Throwable cause =
                err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof NotLeaderException
                || cause instanceof LeadershipTransferException) {
              history.notApplied(op);
            } else {
              history.unknown(op);
            }
          }
        });
    return f;
  }
}
