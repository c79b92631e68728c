package io.distsync.cache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.cache.eviction.EvictionPolicy.Handle;
import io.distsync.cache.eviction.EvictionPolicy.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eviction order of LRU and LFU, one row per case: a script of operations ({@code +a} adds a,
 * {@code a} uses it, {@code -a} removes it), then the order in which the policy gives its entries
 * up (victim, remove it, next victim...).
 */
class EvictionOrderTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        // LRU: least recently used first
        Arguments.of(Kind.LRU, "+a +b +c", "a b c"),
        Arguments.of(Kind.LRU, "+a +b +c a", "b c a"),
        Arguments.of(Kind.LRU, "+a +b +c a b", "c a b"),
        Arguments.of(Kind.LRU, "+a +b +c c c c a", "b c a"),
        Arguments.of(Kind.LRU, "+a +b +c -b", "a c"),
        Arguments.of(Kind.LRU, "+a +b +c -a +a", "b c a"),
        Arguments.of(Kind.LRU, "+a", "a"),
        Arguments.of(Kind.LRU, "", ""),
        // LFU: fewest uses first, ties to the least recently used
        Arguments.of(Kind.LFU, "+a +b +c", "a b c"),
        Arguments.of(Kind.LFU, "+a +b +c a", "b c a"),
        Arguments.of(Kind.LFU, "+a +b +c c c c a", "b a c"),
        Arguments.of(Kind.LFU, "+a +b +c a a b", "c b a"),
        Arguments.of(Kind.LFU, "+a +b +c a b", "c a b"),
        Arguments.of(Kind.LFU, "+a +b +c b a", "c b a"),
        Arguments.of(Kind.LFU, "+a a a +b b b +c", "c a b"),
        Arguments.of(Kind.LFU, "+a a a +b +c -a", "b c"),
        Arguments.of(Kind.LFU, "+a a +b b -a +a", "a b"),
        Arguments.of(Kind.LFU, "+a a +b +c -b", "c a"),
        Arguments.of(Kind.LFU, "", ""));
  }

  @ParameterizedTest(name = "{0}: {1} -> evicts {2}")
  @MethodSource("rows")
  void evicts_in_order(Kind kind, String script, String expected) {
    EvictionPolicy<String> policy = EvictionPolicy.of(kind);
    Map<String, Handle<String>> handles = new HashMap<>();
    for (String step : script.split(" ")) {
      if (step.isEmpty()) {
        continue;
      }
      if (step.startsWith("+")) {
        handles.put(step.substring(1), policy.add(step.substring(1)));
      } else if (step.startsWith("-")) {
        policy.remove(handles.remove(step.substring(1)));
      } else {
        policy.touch(handles.get(step));
      }
    }
    assertThat(policy.size()).isEqualTo(handles.size());

    List<String> order = new ArrayList<>();
    for (String victim = policy.victim(); victim != null; victim = policy.victim()) {
      order.add(victim);
      policy.remove(handles.remove(victim));
    }

    assertThat(String.join(" ", order)).isEqualTo(expected);
    assertThat(policy.size()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void a_removed_handle_is_ignored(Kind kind) {
    EvictionPolicy<String> policy = EvictionPolicy.of(kind);
    Handle<String> a = policy.add("a");
    policy.add("b");
    policy.remove(a);
    policy.remove(a);
    policy.touch(a);
    assertThat(policy.size()).isEqualTo(1);
    assertThat(policy.victim()).isEqualTo("b");
  }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void a_hundred_thousand_operations_stay_fast_and_consistent(Kind kind) {
    // O(1) per operation: 100,000 adds, uses and evictions take milliseconds, not a quadratic time.
    EvictionPolicy<Integer> policy = EvictionPolicy.of(kind);
    Map<Integer, Handle<Integer>> handles = new HashMap<>();
    java.util.Random random = new java.util.Random(7);
    long start = System.nanoTime();
    for (int i = 0; i < 100_000; i++) {
      if (handles.size() >= 1000) {
        Integer victim = policy.victim();
        policy.remove(handles.remove(victim));
      }
      int key = random.nextInt(5000);
      Handle<Integer> h = handles.get(key);
      if (h == null) {
        handles.put(key, policy.add(key));
      } else {
        policy.touch(h);
      }
    }
    assertThat(policy.size()).isEqualTo(handles.size());
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @org.junit.jupiter.api.Test
  void lfu_counts_uses() {
    LfuPolicy<String> lfu = new LfuPolicy<>();
    Handle<String> a = lfu.add("a");
    lfu.touch(a);
    lfu.touch(a);
    assertThat(lfu.count(a)).isEqualTo(3);
  }

  @org.junit.jupiter.api.Test
  void policy_names_parse_in_any_case() {
    assertThat(Kind.parse("lfu")).isEqualTo(Kind.LFU);
    assertThat(Kind.parse(" LRU ")).isEqualTo(Kind.LRU);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Kind.parse("FIFO"))
        .hasMessageContaining("CACHE_POLICY");
  }
}
