package io.distsync.lock;

import io.distsync.cluster.NodeLog;
import io.distsync.cluster.raft.NoQuorumException;
import io.distsync.cluster.raft.RaftService;
import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import io.distsync.lock.LockResult.Type;
import io.distsync.lock.model.AcquireRequest;
import io.distsync.lock.model.LockGrant;
import io.distsync.lock.model.LockView;
import io.distsync.lock.model.ReleaseReply;
import io.distsync.lock.model.ReleaseRequest;
import io.distsync.lock.model.RenewReply;
import io.distsync.lock.model.RenewRequest;
import io.distsync.lock.model.WaitForGraph;
import io.distsync.paging.Page;
import io.distsync.paging.PageRequest;
import io.distsync.raft.RaftRole;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns lock requests into Raft commands and their results into answers. An acquire that must wait
 * is held without a thread: its future completes when the log grants it (a {@link
 * LockEvents#granted} event on this node) or, after {@code waitMs}, once the cancel this node
 * proposes is committed, so the waiter leaves the line on every replica.
 */
@ApplicationScoped
public class LockService implements LockEvents {
  private static final NodeLog LOG = NodeLog.of(LockService.class);

  @Inject RaftService raft;
  @Inject LockStateMachine machine;
  @Inject LockMetrics metrics;
  @Inject LockSettings settings;
  @Inject RecentDeadlocks deadlocks;

  @Resource(lookup = "concurrent/distsync-executor")
  ManagedExecutorService executor;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  /** Acquires waiting in line, by request id: only this node answers them. */
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

  private final String bootId = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
  private final AtomicLong sequence = new AtomicLong();

  private static final class Waiting {
    final CompletableFuture<LockGrant> reply = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    volatile ScheduledFuture<?> timer;
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    machine.table().listen(this);
    metrics.watch(machine.table());
  }

  public CompletionStage<LockGrant> acquire(AcquireRequest request) {
    LockCommand.Acquire command =
        LockRequests.acquire(
            bootId + "-" + sequence.incrementAndGet(),
            request,
            settings.maxWaiters(),
            settings.maxHeldPerOwner(),
            settings.requestMemory());
    long start = System.nanoTime();
    Waiting w = new Waiting();
    if (command.waitMs() > 0) {
      // Registered before proposing: the grant may be applied here before the answer arrives.
      waiting.put(command.requestId(), w);
    }
    raft.propose(LockStateMachine.command(command))
        .whenComplete(
            (applied, failure) -> {
              if (failure != null) {
                waiting.remove(command.requestId());
                w.reply.completeExceptionally(failure);
                return;
              }
              LockResult r = LockStateMachine.decode(applied.result());
              if (r.type() == Type.QUEUED) {
                metrics.waitStarted();
                String line = joinedWait(command, r, w);
                // Unless the grant was applied here already (the event removed the entry).
                if (waiting.containsKey(line)) {
                  w.timer =
                      scheduler.schedule(
                          () -> giveUp(line), command.waitMs(), TimeUnit.MILLISECONDS);
                }
                return;
              }
              waiting.remove(command.requestId());
              if (r.type() == Type.GRANTED) {
                w.reply.complete(grant(r));
              } else if (r.type() == Type.DEADLOCK) {
                metrics.deadlockRefused();
                w.reply.completeExceptionally(new DeadlockException(r.resource(), r.cycle()));
              } else if (r.type() == Type.REQUEST_ID_REUSED) {
                w.reply.completeExceptionally(ApiException.invalid(r.reason() + "."));
              } else if (r.type() == Type.LIMIT_EXCEEDED) {
                w.reply.completeExceptionally(
                    new ApiException(ErrorCode.LIMIT_EXCEEDED, r.reason() + "."));
              } else {
                w.reply.completeExceptionally(
                    new LockConflictException(r.resource(), r.holders(), r.reason()));
              }
            });
    return w.reply.whenComplete(
        (grant, failure) -> {
          metrics.acquired(command.mode(), start, grant != null);
          if (failure instanceof LockConflictException) {
            metrics.conflict();
          }
        });
  }

  /**
   * The request id of the wait in line that answers {@code command}: its own, or, for a repeat of
   * an acquire still waiting (the client retried with the same {@code requestId}), the first
   * request's, whose grant or cancel this node then answers too. Should that grant have been
   * applied here before this re-keying, the wait ends as unknown (503) and a further repeat gets
   * the grant.
   */
  private String joinedWait(LockCommand.Acquire command, LockResult r, Waiting w) {
    if (r.requestId() == null || r.requestId().equals(command.requestId())) {
      return command.requestId();
    }
    waiting.remove(command.requestId());
    waiting.put(r.requestId(), w);
    return r.requestId();
  }

  /** The wait ran out: propose the cancel, and answer once the log has decided. */
  private void giveUp(String requestId) {
    raft.propose(LockStateMachine.command(new LockCommand.Cancel(requestId)))
        .whenComplete(
            (applied, failure) -> {
              if (failure != null) {
                fail(requestId, failure);
                return;
              }
              LockResult r = LockStateMachine.decode(applied.result());
              if (r.type() == Type.CANCELLED) {
                cancelled(requestId, LockResult.conflict(r.resource(), r.holders(), null));
              } else {
                // Granted by an earlier entry this node has yet to apply; should it never
                // apply it (cut off), do not leave the client hanging.
                scheduler.schedule(
                    () ->
                        fail(
                            requestId,
                            new NoQuorumException(
                                "The wait ended, but its outcome is not known here yet.")),
                    raft.requestTimeoutMs(),
                    TimeUnit.MILLISECONDS);
              }
            });
  }

  private void fail(String requestId, Throwable failure) {
    Waiting w = waiting.remove(requestId);
    if (w != null) {
      w.reply.completeExceptionally(failure);
    }
  }

  @Override
  public void granted(String requestId, LockResult grant) {
    Waiting w = waiting.remove(requestId);
    if (w == null) {
      return;
    }
    if (w.timer != null) {
      w.timer.cancel(false);
    }
    metrics.waited(w.startNanos);
    // Off the Raft thread: completing the future writes the HTTP response.
    completeAsync(() -> w.reply.complete(grant(grant)));
  }

  @Override
  public void cancelled(String requestId, LockResult result) {
    Waiting w = waiting.remove(requestId);
    if (w != null) {
      metrics.waited(w.startNanos);
      completeAsync(
          () ->
              w.reply.completeExceptionally(
                  new LockConflictException(
                      result.resource(), result.holders(), "the wait timed out")));
    }
  }

  @Override
  public void expired(String resource, String owner, long token) {
    if (raft.node().status().role() == RaftRole.LEADER) {
      metrics.expired();
      LOG.debug("lease of " + owner + " on " + resource + " (token " + token + ") expired");
    }
  }

  private void completeAsync(Runnable completion) {
    try {
      executor.execute(completion);
    } catch (RejectedExecutionException e) {
      completion.run();
    }
  }

  private static LockGrant grant(LockResult r) {
    return new LockGrant(
        r.resource(), r.owner(), r.mode(), r.fencingToken(), r.expiresAt(), r.holdCount());
  }

  public CompletionStage<ReleaseReply> release(ReleaseRequest request) {
    LockCommand.Release command = LockRequests.release(request, settings.requestMemory());
    return raft.propose(LockStateMachine.command(command))
        .thenApply(
            applied -> {
              LockResult r = LockStateMachine.decode(applied.result());
              if (r.type() == Type.RELEASED) {
                return new ReleaseReply(r.resource(), true, r.holdCount());
              }
              throw refusal(r);
            });
  }

  public CompletionStage<RenewReply> renew(RenewRequest request) {
    LockCommand.Renew command = LockRequests.renew(request, settings.requestMemory());
    return raft.propose(LockStateMachine.command(command))
        .thenApply(
            applied -> {
              LockResult r = LockStateMachine.decode(applied.result());
              if (r.type() == Type.RENEWED) {
                return new RenewReply(r.resource(), r.expiresAt());
              }
              throw refusal(r);
            });
  }

  private static ApiException refusal(LockResult r) {
    if (r.type() == Type.REQUEST_ID_REUSED) {
      return ApiException.invalid(r.reason() + ".");
    }
    if (r.type() == Type.STALE_TOKEN) {
      return new ApiException(ErrorCode.STALE_TOKEN, "The token is not the owner's current one.");
    }
    return new ApiException(
        ErrorCode.NOT_HELD, r.reason() == null ? "The lock is not held." : r.reason() + ".");
  }

  @Override
  public void refused(String resource, String owner, java.util.List<String> cycle) {
    deadlocks.add(resource, owner, cycle);
  }

  /** One page of the locks, read after a ReadIndex (linearizable, on any node). */
  public CompletionStage<Page<LockView>> locks(PageRequest page) {
    return raft.read(() -> machine.table().page(page));
  }

  public CompletionStage<LockView> lock(String resource) {
    LockRequests.resource(resource);
    return raft.read(() -> machine.table().view(resource));
  }

  public CompletionStage<WaitForGraph> waitFor() {
    return raft.read(() -> machine.table().waitFor());
  }
}
