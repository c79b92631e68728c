package io.distsync.lock;

import static io.distsync.lock.LockMode.EXCLUSIVE;
import static io.distsync.lock.LockMode.SHARED;
import static io.distsync.lock.LockScript.acq;
import static io.distsync.lock.LockScript.rel;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.lock.model.WaitForEdge;
import org.junit.jupiter.api.Test;
import io.distsync.paging.PageRequest;

/** Snapshots of the lock table, its commands' log form, and the wait-for view. */
class LockSnapshotTest {

  private static final PageRequest ALL = new PageRequest(PageRequest.MAX_LIMIT, null);
  @Test
  void when_restoredFromSnapshot_then_holdersWaitersAndClockSurvive_andTokensKeepIncreasing() {
    LockScript before = new LockScript();
    before.run(100, acq("A", "r", EXCLUSIVE, 0));
    before.run(100, acq("B", "r", SHARED, 5000));
    before.run(100, acq("C", "r2", SHARED, 0));
    byte[] snapshot = LockSnapshot.write(before.table);

    LockScript after = new LockScript();
    LockSnapshot.read(after.table, snapshot);
    after.index = 10; // the log goes on after the snapshot's last index

    assertThat(after.table.page(ALL).items()).isEqualTo(before.table.page(ALL).items());
    assertThat(after.table.holderCount()).isEqualTo(2);
    assertThat(after.table.waiterCount()).isEqualTo(1);
    // The clock came along: time 50 is in the past, so the lease is computed from 100.
    assertThat(after.run(50, acq("C", "r2", SHARED, 0)))
        .isEqualTo("GRANTED C shared token=3 count=2 until=10100");
    assertThat(after.run(100, rel("A", "r")))
        .isEqualTo("RELEASED count=0 | granted q-B-r token=12");
    assertThat(LockSnapshot.write(after.table)).isNotEqualTo(snapshot);
  }

  @Test
  void when_emptySnapshotRestored_then_tableIsEmpty() {
    LockScript script = new LockScript();
    script.run(0, acq("A", "r", EXCLUSIVE, 0));
    LockSnapshot.read(script.table, new byte[0]);
    assertThat(script.table.page(ALL).items()).isEmpty();
    assertThat(script.table.holderCount()).isZero();
  }

  @Test
  void commandsSurviveTheirLogForm() {
    LockCommand[] commands = {
      new LockCommand.Acquire("n1-7", "orders/42", "worker:1", SHARED, 1000, 0),
      new LockCommand.Release("r", "o", 12L),
      new LockCommand.Release("r", "o", null),
      new LockCommand.Renew("r", "o", null),
      new LockCommand.Renew("r", "o", 500L),
      new LockCommand.Expire("r", "o", 3),
      new LockCommand.Cancel("n1-9")
    };
    for (LockCommand c : commands) {
      assertThat(LockCommand.decode(c.encode())).isEqualTo(c);
    }
  }

  @Test
  void waitForViewShowsEveryEdgeAndNoCycle() {
    LockScript script = new LockScript();
    script.run(0, acq("A", "r", SHARED, 0));
    script.run(0, acq("B", "r", EXCLUSIVE, 5000));
    script.run(0, acq("C", "r", SHARED, 5000));
    assertThat(script.table.waitFor().edges())
        .containsExactly(new WaitForEdge("B", "A", "r"), new WaitForEdge("C", "B", "r"));
    assertThat(script.table.waitFor().cycles()).isEmpty();
    assertThat(script.table.cycles()).isEmpty();
  }
}
