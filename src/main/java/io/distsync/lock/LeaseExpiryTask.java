package io.distsync.lock;

import io.distsync.cluster.NodeLog;
import io.distsync.cluster.raft.RaftService;
import io.distsync.raft.RaftRole;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * On the leader only, every {@link LockSettings#EXPIRY_SCAN_MS} ms: proposes the expiry of every
 * lease that passed its deadline by the leader's clock (replicas never expire on their own clocks),
 * and the cancel of every wait whose node did not cancel it in time (a node that died with a client
 * waiting). One proposal per lease or wait at a time.
 */
@ApplicationScoped
public class LeaseExpiryTask {
  private static final NodeLog LOG = NodeLog.of(LeaseExpiryTask.class);

  /** At most this many proposals per round, so a mass expiry does not flood the log at once. */
  private static final int MAX_PER_ROUND = 256;

  @Inject RaftService raft;
  @Inject LockStateMachine machine;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    task =
        scheduler.scheduleWithFixedDelay(
            this::run,
            LockSettings.EXPIRY_SCAN_MS,
            LockSettings.EXPIRY_SCAN_MS,
            TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  private void run() {
    try {
      if (!raft.isReplayed() || raft.node().status().role() != RaftRole.LEADER) {
        return;
      }
      long now = System.currentTimeMillis();
      int budget = MAX_PER_ROUND;
      LeaseIndex index = machine.table().leaseIndex();
      for (LeaseIndex.Lease l : index.leasesDue(now)) {
        if (budget-- <= 0) {
          return;
        }
        propose(
            "expire:" + l.resource() + ":" + l.owner() + ":" + l.token(),
            new LockCommand.Expire(l.resource(), l.owner(), l.token()));
      }
      // The waiter's own node cancels at its deadline; this catches nodes that died meanwhile.
      for (LeaseIndex.Deadline d : index.deadlinesDue(now - raft.requestTimeoutMs())) {
        if (budget-- <= 0) {
          return;
        }
        propose("cancel:" + d.requestId(), new LockCommand.Cancel(d.requestId()));
      }
    } catch (RuntimeException e) {
      LOG.warn(e, "lease expiry round failed: " + e.getMessage());
    }
  }

  private void propose(String key, LockCommand command) {
    if (!inFlight.add(key)) {
      return;
    }
    raft.propose(LockStateMachine.command(command))
        .whenComplete(
            (applied, failure) -> {
              inFlight.remove(key);
              if (failure != null) {
                LOG.debug("could not propose " + key + ": " + failure.getMessage());
              }
            });
  }
}
