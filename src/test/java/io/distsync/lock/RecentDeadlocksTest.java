package io.distsync.lock;

import static io.distsync.lock.LockScript.acq;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.lock.model.RefusedDeadlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentDeadlocksTest {

  @Test
  void when_the_table_refuses_a_deadlock_victim_then_its_listener_hears_of_it() {
    LockTable table = new LockTable();
    List<String> heard = new ArrayList<>();
    table.listen(
        new LockEvents() {
          @Override
          public void refused(String resource, String owner, List<String> cycle) {
            heard.add(owner + " on " + resource + " " + cycle);
          }
        });
    table.apply(1, 0, acq("A", "r1", LockMode.EXCLUSIVE, 0));
    table.apply(2, 0, acq("B", "r2", LockMode.EXCLUSIVE, 0));
    table.apply(3, 0, acq("A", "r2", LockMode.EXCLUSIVE, 5_000));
    table.apply(4, 0, acq("B", "r1", LockMode.EXCLUSIVE, 5_000));

    assertThat(heard).containsExactly("B on r1 [B, A]");
  }

  @Test
  void when_more_refusals_than_its_capacity_then_the_oldest_go_first() {
    RecentDeadlocks recent = new RecentDeadlocks();
    for (int i = 0; i < RecentDeadlocks.CAPACITY + 5; i++) {
      recent.add("r" + i, "o" + i, List.of("o" + i, "p"));
    }

    List<RefusedDeadlock> kept = recent.list();
    assertThat(kept).hasSize(RecentDeadlocks.CAPACITY);
    assertThat(kept.get(0).owner()).isEqualTo("o" + (RecentDeadlocks.CAPACITY + 4));
    assertThat(kept.get(kept.size() - 1).owner()).isEqualTo("o5");
  }

  @Test
  void when_a_cycle_is_longer_than_the_bound_then_only_its_first_owners_are_kept() {
    RecentDeadlocks recent = new RecentDeadlocks();
    List<String> cycle = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      cycle.add("o" + i);
    }
    recent.add("r", "o0", cycle);

    assertThat(recent.list().get(0).cycle()).hasSize(RecentDeadlocks.MAX_CYCLE);
  }
}
