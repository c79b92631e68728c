package io.distsync.lock;

import io.distsync.cluster.NodeLog;
import io.distsync.cluster.raft.RaftService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every {@code DEADLOCK_CHECK_INTERVAL} ms, looks for cycles in the wait-for graph. The table
 * refuses every request that would close one, so this should find none; if it does (a bug, or a
 * cycle formed some other way), it says so in the log and in {@code lock_deadlock_cycles_found}.
 * Waits in a cycle still end at their {@code waitMs}.
 */
@ApplicationScoped
public class DeadlockScanTask {
  private static final NodeLog LOG = NodeLog.of(DeadlockScanTask.class);

  @Inject RaftService raft;
  @Inject LockStateMachine machine;
  @Inject LockMetrics metrics;
  @Inject LockSettings settings;

  @Resource(lookup = "concurrent/distsync-scheduler")
  ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    long every = settings.deadlockCheckIntervalMs();
    task = scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  private void run() {
    if (!raft.isReady() || machine.table().waiterCount() == 0) {
      return;
    }
    raft.read(() -> machine.table().cycles())
        .whenComplete(
            (cycles, failure) -> {
              if (failure != null) {
                LOG.debug("deadlock scan skipped: " + failure.getMessage());
              } else if (!cycles.isEmpty()) {
                metrics.cyclesFound(cycles.size());
                LOG.warn("wait-for graph has cycles (deadlocked owners): " + describe(cycles));
              }
            });
  }

  private static String describe(List<List<String>> cycles) {
    StringBuilder out = new StringBuilder();
    for (List<String> c : cycles) {
      out.append(out.length() == 0 ? "" : "; ").append(String.join(" -> ", c));
    }
    return out.toString();
  }
}
