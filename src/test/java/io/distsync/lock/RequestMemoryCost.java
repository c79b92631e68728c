package io.distsync.lock;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.logging.Logger;

/**
 * What remembering answers to client request ids costs in heap ({@link RecentRequests}): applies
 * {@code n} acquire + release pairs that carry ids (owners and ids as long as the Java client's) to
 * a lock table, and reports the heap used after a full GC, before and after, per remembered answer.
 *
 * <pre>mvn -Pbench verify -Dbench.main=io.distsync.lock.RequestMemoryCost -Dbench.args="100000"
 * </pre>
 */
public final class RequestMemoryCost {
  private static final Logger LOG = Logger.getLogger(RequestMemoryCost.class.getName());

  private RequestMemoryCost() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    LockTable table = new LockTable();
    long before = usedAfterGc();
    long index = 0;
    for (int i = 0; i < n; i++) {
      String owner = "c-3f9a1b2c:t" + (i % 64);
      String resource = "orders/" + i;
      String id = java.util.UUID.randomUUID().toString();
      table.apply(
          ++index,
          i,
          new LockCommand.Acquire(
              "n1-" + index,
              resource,
              owner,
              LockMode.EXCLUSIVE,
              30_000,
              0,
              LockCommand.Acquire.NO_LIMIT,
              LockCommand.Acquire.NO_LIMIT,
              new LockCommand.ClientRequest(id, 2 * n)));
      table.apply(
          ++index,
          i,
          new LockCommand.Release(
              resource, owner, null, new LockCommand.ClientRequest(id.replace('-', '.'), 2 * n)));
    }
    long after = usedAfterGc();
    int answers = table.recent().size();
    LOG.info(
        String.format(
            "%d answers remembered: heap %.1f MB -> %.1f MB after a full GC, %.0f bytes per answer",
            answers, before / 1e6, after / 1e6, (after - before) / (double) answers));
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
