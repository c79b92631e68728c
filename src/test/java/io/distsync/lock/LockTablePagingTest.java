package io.distsync.lock;

import static io.distsync.lock.LockMode.EXCLUSIVE;
import static io.distsync.lock.LockMode.SHARED;
import static io.distsync.lock.LockScript.acq;
import static io.distsync.lock.LockScript.cancel;
import static io.distsync.lock.LockScript.rel;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.lock.model.LockView;
import io.distsync.paging.Page;
import io.distsync.paging.PageRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pages of the lock table ({@code GET /locks}), and the indexes that keep per-name costs bounded:
 * the owner index and the contended locks shrink back to nothing as locks are given up.
 */
class LockTablePagingTest {

  private static List<String> names(Page<LockView> page) {
    return page.items().stream().map(LockView::resource).toList();
  }

  private static Page<LockView> page(LockScript script, int limit, String cursor) {
    return script.table.page(PageRequest.of(Integer.toString(limit), cursor));
  }

  @Test
  void pages_follow_resource_order_and_the_last_page_has_no_cursor() {
    LockScript script = new LockScript();
    for (String r : List.of("e", "b", "d", "a", "c")) {
      script.run(0, acq("o-" + r, r, EXCLUSIVE, 0));
    }

    Page<LockView> first = page(script, 2, null);
    assertThat(names(first)).containsExactly("a", "b");
    assertThat(first.nextCursor()).isEqualTo(PageRequest.cursorAfter("b"));
    Page<LockView> second = page(script, 2, first.nextCursor());
    assertThat(names(second)).containsExactly("c", "d");
    Page<LockView> last = page(script, 2, second.nextCursor());
    assertThat(names(last)).containsExactly("e");
    assertThat(last.nextCursor()).isNull();
    assertThat(last.items().get(0).holders().get(0).owner()).isEqualTo("o-e");
  }

  @Test
  void a_page_that_ends_exactly_at_the_last_lock_has_no_cursor() {
    LockScript script = new LockScript();
    for (String r : List.of("a", "b", "c", "d")) {
      script.run(0, acq("o", r, SHARED, 0));
    }
    Page<LockView> second = page(script, 2, page(script, 2, null).nextCursor());
    assertThat(names(second)).containsExactly("c", "d");
    assertThat(second.nextCursor()).isNull();
    assertThat(page(script, 4, null).nextCursor()).isNull();
    assertThat(page(script, 3, null).nextCursor()).isNotNull();
  }

  @Test
  void a_cursor_whose_lock_is_gone_goes_on_after_its_name_and_free_locks_are_not_listed() {
    LockScript script = new LockScript();
    for (String r : List.of("a", "b", "c", "d")) {
      script.run(0, acq("o-" + r, r, EXCLUSIVE, 0));
    }
    script.run(0, acq("w", "d", EXCLUSIVE, 5000)); // d has a line too
    String cursor = page(script, 2, null).nextCursor(); // after "b"
    script.run(0, rel("o-b", "b"));
    script.run(0, rel("o-c", "c"));

    Page<LockView> next = page(script, 2, cursor);
    assertThat(names(next)).containsExactly("d");
    assertThat(next.items().get(0).waiters()).extracting(w -> w.owner()).containsExactly("w");
    assertThat(names(page(script, 10, null))).containsExactly("a", "d");
  }

  @Test
  void walking_every_page_lists_every_lock_once() {
    LockScript script = new LockScript();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 57; i++) {
      String r = String.format("orders/%03d", i);
      expected.add(r);
      script.run(0, acq("o" + (i % 7), r, SHARED, 0));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<LockView> p = page(script, 10, cursor);
      assertThat(p.items()).hasSizeLessThanOrEqualTo(10);
      seen.addAll(names(p));
      cursor = p.nextCursor();
      pages++;
    } while (cursor != null);
    assertThat(seen).isEqualTo(expected);
    assertThat(pages).isEqualTo(6);
  }

  @Test
  void the_owner_index_and_the_contended_locks_empty_as_holds_and_waits_end() {
    LockScript script = new LockScript();
    script.run(0, acq("A", "r1", EXCLUSIVE, 0));
    script.run(0, acq("A", "r1", EXCLUSIVE, 0)); // reentrant: still one lock
    script.run(0, acq("A", "r2", SHARED, 0));
    script.run(0, acq("B", "r1", EXCLUSIVE, 5000));
    script.run(0, acq("C", "r1", SHARED, 5000));
    assertThat(script.table.claimsOf("A")).isEqualTo(2);
    assertThat(script.table.claimsOf("B")).isEqualTo(1);
    assertThat(script.table.ownerCount()).isEqualTo(3);
    assertThat(script.table.contendedCount()).isEqualTo(1);

    script.run(0, cancel("C", "r1"));
    script.run(0, rel("A", "r1"));
    assertThat(script.table.claimsOf("A")).as("one hold of r1 left").isEqualTo(2);
    script.run(0, rel("A", "r1")); // B is granted r1: a wait became a hold
    assertThat(script.table.claimsOf("A")).isEqualTo(1);
    assertThat(script.table.claimsOf("B")).isEqualTo(1);
    assertThat(script.table.contendedCount()).isZero();

    script.run(0, rel("B", "r1"));
    script.run(0, rel("A", "r2"));
    assertThat(script.table.ownerCount()).isZero();
    assertThat(script.table.claimsOf("A")).isZero();
    assertThat(script.table.holderCount()).isZero();
    assertThat(page(script, 100, null).items()).isEmpty();
  }
}
