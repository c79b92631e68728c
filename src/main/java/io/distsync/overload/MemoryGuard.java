package io.distsync.overload;

import io.distsync.cluster.NodeLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this node is short of heap ({@code MEMORY_REFUSE_AT}, percent of the old generation still
 * used after a collection; default 85, 100 turns the guard off). Reads the JVM's pool figures, at
 * most every {@link #CHECK_EVERY_MS} ms, on the calling thread: no thread of its own.
 */
@ApplicationScoped
public class MemoryGuard {
  private static final NodeLog LOG = NodeLog.of(MemoryGuard.class);

  /** How long one reading stands. */
  static final long CHECK_EVERY_MS = 100;

  @Inject
  @ConfigProperty(name = "MEMORY_REFUSE_AT", defaultValue = "85")
  int refuseAtPercent;

  private HeapCheck check;
  private volatile long checkedAt;
  private volatile boolean shortNow;

  @PostConstruct
  void init() {
    if (refuseAtPercent < 10 || refuseAtPercent > 100) {
      throw new IllegalStateException("MEMORY_REFUSE_AT must be between 10 and 100 (percent)");
    }
    MemoryPoolMXBean old = oldGeneration();
    if (old == null || refuseAtPercent == 100) {
      LOG.info("memory guard off" + (old == null ? ": no old-generation pool found" : ""));
      check = new HeapCheck(() -> 0, 0, refuseAtPercent);
      return;
    }
    long max = old.getUsage().getMax();
    check =
        new HeapCheck(
            () -> {
              MemoryUsage u = old.getCollectionUsage();
              return u == null ? 0 : u.getUsed();
            },
            max,
            refuseAtPercent);
    LOG.info(
        "memory guard: new work refused while "
            + old.getName()
            + " holds over "
            + check.refuseAtBytes() / (1024 * 1024)
            + " MB after a collection");
  }

  /** True while new work should be refused. */
  public boolean isShort() {
    long now = System.currentTimeMillis();
    if (now - checkedAt >= CHECK_EVERY_MS) {
      boolean was = shortNow;
      shortNow = check.isShort();
      checkedAt = now;
      if (shortNow != was) {
        if (shortNow) {
          LOG.warn("short of memory after a collection: refusing new work (503 OVERLOADED)");
        } else {
          LOG.info("memory is back under the mark: accepting new work again");
        }
      }
    }
    return shortNow;
  }

  /** The heap pool that collects long-lived objects and reports usage after collections. */
  private static MemoryPoolMXBean oldGeneration() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      String n = p.getName();
      if (p.getType() == MemoryType.HEAP
          && p.isCollectionUsageThresholdSupported()
          && (n.contains("Old") || n.contains("Tenured"))) {
        return p;
      }
    }
    return null;
  }
}
