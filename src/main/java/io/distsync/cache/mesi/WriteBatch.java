package io.distsync.cache.mesi;

import io.distsync.cache.mesi.Results.Read;
import io.distsync.cache.mesi.Results.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes of one key on this node that take their turn together: open (writes that arrive join it)
 * until {@link #close}, when its commit takes them all. They commit as one step that hands out one
 * version each, in order, and stores the last value; none of them has answered before that step, so
 * they are concurrent and that order is a valid one, and no read can fall between them.
 */
final class WriteBatch implements KeyQueue.Job {

  /** Most writes in one batch: a node holds a contended key for one batch, then hands it on. */
  static final int MAX = 256;

  /** A write waiting for its batch: the value (JSON text), its expiry, and where it answers. */
  record Pending(String value, long expiresAt, CompletableFuture<Write> answer) {}

  private final List<Pending> writes = new ArrayList<>();
  private final List<CompletableFuture<Read>> readers = new ArrayList<>();
  private final Function<WriteBatch, CompletableFuture<Void>> runner;
  private final Consumer<List<CompletableFuture<Read>>> orphans;
  private List<Pending> closed;
  private List<CompletableFuture<Read>> closedReaders;

  WriteBatch(
      Function<WriteBatch, CompletableFuture<Void>> runner,
      Consumer<List<CompletableFuture<Read>>> orphans) {
    this.runner = runner;
    this.orphans = orphans;
  }

  /** A read that joins the open batch (answered by {@link #answerReaders}), or null if closed. */
  synchronized CompletableFuture<Read> joinRead() {
    if (closed != null) {
      return null;
    }
    CompletableFuture<Read> read = new CompletableFuture<>();
    readers.add(read);
    return read;
  }

  /**
   * Answers the reads that joined with what the committed batch left. When this node did not keep
   * the line (a concurrent operation of another node took it before the install), they are read the
   * usual way instead: a read answers the state of a line this node holds.
   */
  void answerReaders(Read read) {
    close();
    if (read.state() == MesiState.INVALID) {
      handBackReaders();
      return;
    }
    for (CompletableFuture<Read> r : closedReaders) {
      r.complete(read);
    }
  }

  /** Adds {@code write} unless the batch is closed or full. */
  synchronized boolean join(Pending write) {
    if (closed != null || writes.size() >= MAX) {
      return false;
    }
    writes.add(write);
    return true;
  }

  /** Closes the batch (at its commit): its writes, in order; the same list on every call. */
  synchronized List<Pending> close() {
    if (closed == null) {
      closed = List.copyOf(writes);
      closedReaders = List.copyOf(readers);
    }
    return closed;
  }

  @Override
  public CompletableFuture<?> start() {
    CompletableFuture<Void> run;
    try {
      run = runner.apply(this);
    } catch (RuntimeException e) {
      run = CompletableFuture.failedFuture(e);
    }
    return run.whenComplete(
        (v, t) -> {
          if (t != null) {
            refuse(KeyLocks.unwrap(t));
          }
        });
  }

  @Override
  public void refuse(Throwable why) {
    for (Pending p : close()) {
      p.answer().completeExceptionally(why);
    }
    handBackReaders();
  }

  /** Hands the reads that joined and are still waiting back, to be read the usual way. */
  private void handBackReaders() {
    List<CompletableFuture<Read>> waiting =
        closedReaders.stream().filter(r -> !r.isDone()).toList();
    if (!waiting.isEmpty()) {
      orphans.accept(waiting);
    }
  }

  /** Answers write {@code i} of the closed batch with version {@code first + i}. */
  static void answer(List<Pending> writes, String key, long first, MesiState state) {
    for (int i = 0; i < writes.size(); i++) {
      writes.get(i).answer().complete(new Write(key, first + i, state));
    }
  }

  /** The last write of the closed batch: the value the batch leaves. */
  static Pending last(List<Pending> writes) {
    return writes.get(writes.size() - 1);
  }

  static List<Pending> rest(List<Pending> writes, int from) {
    return new ArrayList<>(writes.subList(from, writes.size()));
  }
}
