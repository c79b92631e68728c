package io.distsync.cache.mesi;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.cache.eviction.EvictionPolicy;
import io.distsync.cache.mesi.LocalCache.LineView;
import io.distsync.cache.mesi.LocalCache.Taken;
import org.junit.jupiter.api.Test;

/** The local lines: capacity, eviction, tickets, silent writes, draining write-backs. */
class LocalCacheTest {
  private final CacheStats stats = new CacheStats(CacheListener.NONE);

  private static LineView line(String key, MesiState state, long version) {
    return new LineView(key, "\"" + key + "\"", version, state, 0, "t-" + key, 1);
  }

  private static void install(LocalCache cache, LineView line) {
    assertThat(cache.install(cache.open(line.key()), line, 1).installed()).isTrue();
  }

  @Test
  void a_small_cache_evicts_in_exact_lru_order_and_counts_it() {
    LocalCache cache = new LocalCache(3, EvictionPolicy.Kind.LRU, stats);
    install(cache, line("a", MesiState.SHARED, 1));
    install(cache, line("b", MesiState.SHARED, 1));
    install(cache, line("c", MesiState.SHARED, 1));
    cache.hit("a", 0);
    LocalCache.Installed d = cache.install(cache.open("d"), line("d", MesiState.EXCLUSIVE, 1), 1);
    assertThat(d.evicted()).extracting(t -> t.line().key()).containsExactly("b");
    assertThat(cache.size()).isEqualTo(3);
    assertThat(stats.evictions()).isEqualTo(1);
    assertThat(stats.lines(MesiState.SHARED)).isEqualTo(2);
    assertThat(stats.lines(MesiState.EXCLUSIVE)).isEqualTo(1);
  }

  @Test
  void a_large_cache_never_holds_more_than_its_capacity() {
    LocalCache cache = new LocalCache(2048, EvictionPolicy.Kind.LFU, stats);
    for (int i = 0; i < 10_000; i++) {
      cache.install(cache.open("k" + i), line("k" + i, MesiState.SHARED, 1), 1);
    }
    assertThat(cache.size()).isEqualTo(2048);
    assertThat(stats.evictions()).isEqualTo(10_000 - 2048);
  }

  @Test
  void lines_come_in_pages_of_key_order_across_every_segment() {
    LocalCache cache = new LocalCache(2048, EvictionPolicy.Kind.LRU, stats);
    java.util.List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 53; i++) {
      String key = "k" + Integer.toHexString(i * 7919);
      keys.add(key);
      install(cache, line(key, MesiState.SHARED, i));
    }
    java.util.Collections.sort(keys);

    java.util.List<String> seen = new java.util.ArrayList<>();
    String after = null;
    java.util.List<LineView> page;
    do {
      page = cache.linesAfter(after, 10);
      assertThat(page).hasSizeLessThanOrEqualTo(10);
      page.forEach(l -> seen.add(l.key()));
      after = page.isEmpty() ? null : page.get(page.size() - 1).key();
    } while (page.size() == 10);
    assertThat(seen).isEqualTo(keys);
    assertThat(cache.linesAfter(keys.get(52), 10)).isEmpty();
    assertThat(cache.linesAfter("k", 3)).extracting(LineView::key).isEqualTo(keys.subList(0, 3));
    assertThat(cache.linesAfter(null, 0)).isEmpty();
  }

  @Test
  void a_poisoned_ticket_installs_nothing_and_drops_the_copy_it_would_replace() {
    LocalCache cache = new LocalCache(8, EvictionPolicy.Kind.LRU, stats);
    install(cache, line("k", MesiState.SHARED, 1));
    LocalCache.Ticket t = cache.open("k");
    cache.poison("k");
    assertThat(cache.install(t, line("k", MesiState.EXCLUSIVE, 2), 1).installed()).isFalse();
    assertThat(cache.get("k")).isNull();
    LocalCache.Ticket old = cache.open("x");
    assertThat(cache.install(old, line("x", MesiState.SHARED, 1), 2).installed())
        .as("a line of an ended epoch")
        .isFalse();
  }

  @Test
  void silent_writes_need_an_exclusive_line_and_raise_the_version() {
    LocalCache cache = new LocalCache(8, EvictionPolicy.Kind.LRU, stats);
    install(cache, line("e", MesiState.EXCLUSIVE, 5));
    install(cache, line("s", MesiState.SHARED, 5));
    assertThat(cache.writeSilently("e", "1", 0, 1)).isEqualTo(6);
    assertThat(cache.writeSilently("e", "2", 0, 1)).isEqualTo(7);
    assertThat(cache.get("e").state()).isEqualTo(MesiState.MODIFIED);
    assertThat(cache.dirtyKeys()).containsExactly("e");
    assertThat(cache.writeSilently("s", "1", 0, 1)).isEqualTo(-1);
    assertThat(cache.writeSilently("none", "1", 0, 1)).isEqualTo(-1);
    assertThat(cache.markClean("e", 6)).as("an older version").isFalse();
    assertThat(cache.markClean("e", 7)).isTrue();
    assertThat(cache.get("e").state()).isEqualTo(MesiState.EXCLUSIVE);
    assertThat(cache.dirtyKeys()).isEmpty();
  }

  @Test
  void a_modified_value_leaving_its_line_drains_until_written_back() {
    LocalCache cache = new LocalCache(8, EvictionPolicy.Kind.LRU, stats);
    install(cache, line("m", MesiState.MODIFIED, 3));
    assertThat(cache.drained("m")).isDone();
    Taken taken = cache.downgrade("m");
    assertThat(taken.dirty()).isTrue();
    assertThat(cache.get("m").state()).isEqualTo(MesiState.SHARED);
    assertThat(cache.drained("m")).isNotDone();
    cache.finishDrain("m", taken.drain());
    assertThat(cache.drained("m")).isDone();

    assertThat(cache.drop("m").dirty()).as("a SHARED line has nothing to write back").isFalse();
  }

  @Test
  void a_downgrade_during_an_owner_write_drops_the_line() {
    LocalCache cache = new LocalCache(8, EvictionPolicy.Kind.LRU, stats);
    install(cache, line("e", MesiState.EXCLUSIVE, 5));
    String token = cache.beginOwnerWrite("e", 1);
    assertThat(token).isEqualTo("t-e");
    cache.downgrade("e");
    assertThat(cache.get("e")).isNull();
    assertThat(cache.afterOwnerWrite("e", token, "\"x\"", 9, 0)).isFalse();

    install(cache, line("f", MesiState.EXCLUSIVE, 5));
    String t2 = cache.beginOwnerWrite("f", 1);
    assertThat(cache.afterOwnerWrite("f", t2, "\"y\"", 9, 0)).isTrue();
    assertThat(cache.get("f").value()).isEqualTo("\"y\"");
    assertThat(cache.get("f").version()).isEqualTo(9);
  }

  @Test
  void clear_drops_everything_and_poisons_pending_installs() {
    LocalCache cache = new LocalCache(8, EvictionPolicy.Kind.LRU, stats);
    install(cache, line("a", MesiState.MODIFIED, 1));
    install(cache, line("b", MesiState.SHARED, 1));
    LocalCache.Ticket pending = cache.open("c");
    assertThat(cache.clear()).hasSize(2).filteredOn(Taken::dirty).hasSize(1);
    assertThat(cache.install(pending, line("c", MesiState.SHARED, 1), 1).installed()).isFalse();
    assertThat(cache.size()).isZero();
    assertThat(stats.transitions()).containsEntry("M->I", 1L).containsEntry("S->I", 1L);
  }
}
