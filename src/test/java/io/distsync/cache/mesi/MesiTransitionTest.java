package io.distsync.cache.mesi;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.cache.eviction.EvictionPolicy;
import io.distsync.cache.mesi.Results.Read;
import io.distsync.cache.mesi.Results.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every MESI transition, one row each: three nodes (no delays) are brought to a starting state of
 * the key ({@code E,I,I} = node1 EXCLUSIVE, the others INVALID), one operation runs, and the row
 * gives the states of the three nodes after it and exactly which transitions each node made.
 */
class MesiTransitionTest {
  private static final String KEY = "k";

  /**
   * One row.
   *
   * @param transitions the transitions the operation causes, as {@code n1:E->S n2:I->S}
   */
  record Row(
      String name,
      boolean writeBack,
      String initial,
      String op,
      String expected,
      String transitions,
      boolean silent,
      BiConsumer<CacheSim, Object> check) {
    @Override
    public String toString() {
      return (writeBack ? "write-back: " : "write-through: ") + name;
    }
  }

  private static Row wt(String name, String initial, String op, String expected, String tr) {
    return new Row(name, false, initial, op, expected, tr, false, (s, r) -> {});
  }

  private static Row wb(String name, String initial, String op, String expected, String tr) {
    return new Row(name, true, initial, op, expected, tr, false, (s, r) -> {});
  }

  private static Row with(Row r, BiConsumer<CacheSim, Object> check) {
    return new Row(
        r.name, r.writeBack, r.initial, r.op, r.expected, r.transitions, r.silent, check);
  }

  /** A row whose operation sends no message to any other node. */
  private static Row silent(Row r) {
    return new Row(r.name, r.writeBack, r.initial, r.op, r.expected, r.transitions, true, r.check);
  }

  static Stream<Row> rows() {
    return Stream.of(
        with(
            wt("read miss, nobody holds it: EXCLUSIVE", "I,I,I", "read n1", "E,I,I", "n1:I->E"),
            source(Source.REDIS)),
        with(wt("read hit on the holder", "E,I,I", "read n1", "E,I,I", ""), source(Source.LOCAL)),
        with(
            wt(
                "read miss, EXCLUSIVE elsewhere: both SHARED",
                "E,I,I",
                "read n2",
                "S,S,I",
                "n1:E->S n2:I->S"),
            source(Source.PEER)),
        with(
            wt("read miss, SHARED elsewhere: SHARED", "S,S,I", "read n3", "S,S,S", "n3:I->S"),
            source(Source.REDIS)),
        with(wt("read hit on a sharer", "S,S,I", "read n2", "S,S,I", ""), source(Source.LOCAL)),
        wt("write from INVALID", "I,I,I", "write n1", "E,I,I", "n1:I->E"),
        silent(wt("write by the EXCLUSIVE holder: no message", "E,I,I", "write n1", "E,I,I", "")),
        wt(
            "write by a sharer invalidates the other",
            "S,S,I",
            "write n1",
            "E,I,I",
            "n1:S->E n2:S->I"),
        wt(
            "write from INVALID invalidates every sharer",
            "S,S,S",
            "write n3",
            "I,I,E",
            "n1:S->I n2:S->I n3:S->E"),
        wt(
            "write takes the key from the EXCLUSIVE holder",
            "E,I,I",
            "write n2",
            "I,E,I",
            "n1:E->I n2:I->E"),
        with(
            wt("delete drops every copy", "S,S,I", "delete n3", "I,I,I", "n1:S->I n2:S->I"),
            (s, r) -> assertThat(s.directory.stored(KEY)).isNull()),
        with(
            wt(
                "invalidate drops every copy, Redis keeps the value",
                "S,S,S",
                "invalidate n1",
                "I,I,I",
                "n1:S->I n2:S->I n3:S->I"),
            storedValue("\"v0\"")),
        wt(
            "invalidate * drops every line of every node",
            "E,I,I",
            "invalidate* n2",
            "I,I,I",
            "n1:E->I"),
        with(
            wt(
                "eviction of an EXCLUSIVE line; the next reader is EXCLUSIVE",
                "E,I,I",
                "evict n1",
                "I,I,I",
                "n1:E->I n1:I->E"),
            (s, r) ->
                assertThat(s.await(s.node(2).get(KEY)).state()).isEqualTo(MesiState.EXCLUSIVE)),
        wt("eviction of a SHARED line", "S,S,I", "evict n2", "S,I,I", "n2:S->I n2:I->E"),
        with(
            wb(
                "write from INVALID: MODIFIED, Redis not written",
                "I,I,I",
                "write n1",
                "M,I,I",
                "n1:I->M"),
            storedValue("\"v0\"")),
        silent(
            wb("write by the EXCLUSIVE holder is silent", "E,I,I", "write n1", "M,I,I", "n1:E->M")),
        silent(wb("write by the MODIFIED holder", "M,I,I", "write n1", "M,I,I", "")),
        with(
            wb(
                "read miss, MODIFIED elsewhere: written back, supplied, both SHARED",
                "M,I,I",
                "read n2",
                "S,S,I",
                "n1:M->S n2:I->S"),
            (s, r) -> {
              assertThat(((Read) r).source()).isEqualTo(Source.PEER);
              assertThat(((Read) r).value()).isEqualTo("\"v1\"");
              assertThat(s.directory.stored(KEY).value()).isEqualTo("\"v1\"");
            }),
        with(
            wb(
                "write takes the key from the MODIFIED holder, which writes back first",
                "M,I,I",
                "write n2",
                "I,M,I",
                "n1:M->I n2:I->M"),
            storedValue("\"v1\"")),
        wb("write by a sharer: MODIFIED", "S,S,I", "write n2", "I,M,I", "n1:S->I n2:S->M"),
        with(
            wb(
                "write-back after the delay: MODIFIED to EXCLUSIVE",
                "M,I,I",
                "wait",
                "E,I,I",
                "n1:M->E"),
            storedValue("\"v1\"")),
        with(
            wb(
                "eviction of a MODIFIED line writes it back",
                "M,I,I",
                "evict n1",
                "I,I,I",
                "n1:M->I n1:I->E"),
            storedValue("\"v1\"")),
        with(
            wb(
                "invalidate of a MODIFIED line writes it back",
                "M,I,I",
                "invalidate n2",
                "I,I,I",
                "n1:M->I"),
            storedValue("\"v1\"")),
        with(
            wb("shutdown writes MODIFIED lines back", "M,I,I", "shutdown n1", "I,I,I", "n1:M->I"),
            storedValue("\"v1\"")));
  }

  private static BiConsumer<CacheSim, Object> source(Source expected) {
    return (s, r) -> assertThat(((Read) r).source()).isEqualTo(expected);
  }

  private static BiConsumer<CacheSim, Object> storedValue(String expected) {
    return (s, r) -> assertThat(s.directory.stored(KEY).value()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void transition(Row row) {
    int capacity = row.op.startsWith("evict") ? 1 : 8;
    CacheSim sim =
        new CacheSim(
            1, 3, capacity, EvictionPolicy.Kind.LRU, row.writeBack, CacheSim.Profile.INSTANT);
    arrange(sim, row.initial, row.writeBack);
    assertThat(states(sim)).as("starting state").isEqualTo(row.initial);
    List<Map<String, Long>> before = transitions(sim);
    long messages = sim.peerMessages();

    Object result = act(sim, row.op);

    assertThat(states(sim)).as("states after %s", row.op).isEqualTo(row.expected);
    assertThat(made(before, transitions(sim))).as("transitions").isEqualTo(sorted(row.transitions));
    if (row.silent) {
      assertThat(sim.peerMessages()).as("peer messages").isEqualTo(messages);
    }
    row.check.accept(sim, result);
  }

  /** Brings the key to {@code initial}; the value is "v0", or "v1" when a node holds it M. */
  private static void arrange(CacheSim sim, String initial, boolean writeBack) {
    sim.await(sim.node(3).put("other", "\"o\"", 0));
    sim.await(sim.node(3).put(KEY, "\"v0\"", 0));
    sim.runFor(500); // write-backs done
    sim.await(sim.node(3).invalidate(KEY));
    sim.await(sim.node(3).invalidate("other"));
    String[] s = initial.split(",");
    for (int i = 0; i < 3; i++) {
      if (s[i].equals("E") || s[i].equals("S")) {
        sim.await(sim.node(i + 1).get(KEY));
      }
      if (s[i].equals("M")) {
        sim.await(sim.node(i + 1).put(KEY, "\"v1\"", 0));
      }
    }
  }

  private static Object act(CacheSim sim, String op) {
    String[] p = op.split(" ");
    CacheNode n = p.length > 1 ? sim.node(p[1]) : null;
    return switch (p[0]) {
      case "read" -> sim.await(n.get(KEY));
      case "write" -> sim.await(n.put(KEY, "\"v2\"", 0));
      case "delete" -> sim.await(n.delete(KEY));
      case "invalidate" -> sim.await(n.invalidate(KEY));
      case "invalidate*" -> {
        sim.await(n.invalidate("*"));
        sim.runFor(50);
        yield null;
      }
      case "evict" -> {
        Object r = sim.await(n.get("other"));
        sim.runFor(50);
        yield r;
      }
      case "wait" -> {
        sim.runFor(300);
        yield null;
      }
      case "shutdown" -> {
        sim.await(n.shutdown());
        yield null;
      }
      default -> throw new IllegalArgumentException(op);
    };
  }

  private static String sorted(String transitions) {
    return String.join(
        " ", Stream.of(transitions.split(" ")).filter(t -> !t.isEmpty()).sorted().toList());
  }

  private static String states(CacheSim sim) {
    List<String> out = new ArrayList<>();
    for (CacheNode n : sim.nodes) {
      LocalCache.LineView line = n.cache.get(KEY);
      out.add(line == null ? "I" : line.state().letter());
    }
    return String.join(",", out);
  }

  private static List<Map<String, Long>> transitions(CacheSim sim) {
    return sim.nodes.stream().map(n -> n.stats().transitions()).toList();
  }

  /** The transitions made since {@code before}, as {@code n1:E->S n2:I->S}. */
  private static String made(List<Map<String, Long>> before, List<Map<String, Long>> after) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      Map<String, Long> diff = new TreeMap<>();
      Map<String, Long> b = before.get(i);
      after
          .get(i)
          .forEach(
              (k, v) -> {
                long d = v - b.getOrDefault(k, 0L);
                if (d > 0) {
                  diff.put(k, d);
                }
              });
      for (var e : diff.entrySet()) {
        for (long c = 0; c < e.getValue(); c++) {
          out.add("n" + (i + 1) + ":" + e.getKey());
        }
      }
    }
    return String.join(" ", out.stream().sorted().toList());
  }
}
