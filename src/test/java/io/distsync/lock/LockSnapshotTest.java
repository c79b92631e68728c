package io.distsync.lock;

import static io.distsync.lock.LockMode.EXCLUSIVE;
import static io.distsync.lock.LockMode.SHARED;
import static io.distsync.lock.LockScript.acq;
import static io.distsync.lock.LockScript.rel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.lock.model.WaitForEdge;
import io.distsync.paging.PageRequest;
import org.junit.jupiter.api.Test;

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
      new LockCommand.Acquire("n1-7", "orders/42", "worker:1", SHARED, 1000, 0, 1000, 10000),
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
    assertThat(commands[0].encode())
        .isEqualTo("acquire n1-7 orders/42 worker:1 shared 1000 0 1000 10000");
  }

  @Test
  void anAcquireLoggedBeforeTheCapsExisted_isReplayedWithoutCaps() {
    assertThat(LockCommand.decode("acquire n1-7 r o exclusive 1000 0"))
        .isEqualTo(
            new LockCommand.Acquire(
                "n1-7",
                "r",
                "o",
                EXCLUSIVE,
                1000,
                0,
                LockCommand.Acquire.NO_LIMIT,
                LockCommand.Acquire.NO_LIMIT));
    assertThatThrownBy(() -> LockCommand.decode("acquire n1-7 r o exclusive 1000 0 5"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenRestored_then_theOwnerIndexAndTheContendedLocksAreRebuilt() {
    LockScript before = new LockScript();
    before.run(0, acq("A", "r1", EXCLUSIVE, 0));
    before.run(0, acq("A", "r2", SHARED, 0));
    before.run(0, acq("B", "r2", SHARED, 0));
    before.run(0, acq("B", "r1", EXCLUSIVE, 5000));
    LockScript after = new LockScript();
    LockSnapshot.read(after.table, LockSnapshot.write(before.table));

    assertThat(after.table.claimsOf("A")).isEqualTo(2);
    assertThat(after.table.claimsOf("B")).isEqualTo(2);
    assertThat(after.table.ownerCount()).isEqualTo(2);
    assertThat(after.table.contendedCount()).isEqualTo(1);
    after.index = 10;
    assertThat(after.run(0, LockScript.capped("B", "r3", EXCLUSIVE, 0, 10, 2)))
        .isEqualTo("LIMIT_EXCEEDED (LOCK_MAX_HELD_PER_OWNER)");
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
