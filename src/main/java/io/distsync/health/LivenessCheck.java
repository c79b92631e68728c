package io.distsync.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the heap is not exhausted; a node that is out of memory should be restarted. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {
  private static final double MAX_HEAP_USE = 0.95;

  @Override
  public HealthCheckResponse call() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    double used = (double) heap.getUsed() / max;
    return HealthCheckResponse.named("heap")
        .status(used < MAX_HEAP_USE)
        .withData("usedBytes", heap.getUsed())
        .withData("maxBytes", max)
        .build();
  }
}
