package io.distsync.overload;

import java.util.function.LongSupplier;

/**
 * The decision alone, plain Java: short of memory when the heap pool that holds long-lived objects
 * is above {@code refuseAtPercent} of its maximum right after a collection (usage after a
 * collection is what live data needs; usage at any moment also counts garbage). Once short, it
 * stays so until that usage is below the mark by a tenth of it, so the answer does not flicker.
 */
final class HeapCheck {
  private final LongSupplier usedAfterCollection;
  private final long max;
  private final long refuseAt;
  private final long acceptBelow;
  private boolean short_;

  HeapCheck(LongSupplier usedAfterCollection, long max, int refuseAtPercent) {
    this.usedAfterCollection = usedAfterCollection;
    this.max = max;
    this.refuseAt = max / 100 * refuseAtPercent;
    this.acceptBelow = refuseAt - refuseAt / 10;
  }

  /** Whether the node is short of memory now. */
  synchronized boolean isShort() {
    if (max <= 0) {
      return false;
    }
    long used = usedAfterCollection.getAsLong();
    if (short_) {
      short_ = used >= acceptBelow;
    } else {
      short_ = used >= refuseAt;
    }
    return short_;
  }

  long refuseAtBytes() {
    return refuseAt;
  }
}
