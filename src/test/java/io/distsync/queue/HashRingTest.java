package io.distsync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consistent-hash ring: stable, balanced, and moving only the new member's share. */
class HashRingTest {
  private static final int PARTITIONS = 20_000;

  private static HashRing<String> ring(String... ids) {
    Map<String, String> members = new LinkedHashMap<>();
    for (String id : ids) {
      members.put(id, id);
    }
    return HashRing.of(members, PartitionRing.VIRTUAL_NODES);
  }

  @Test
  void when_aFourthMemberJoins_then_aboutAQuarterOfThePartitionsMove_allOfThemToIt() {
    HashRing<String> three = ring("node1", "node2", "node3");
    HashRing<String> four = ring("node1", "node2", "node3", "node4");

    int moved = 0;
    for (int p = 0; p < PARTITIONS; p++) {
      String name = "orders/" + p;
      String before = three.locate(name);
      String after = four.locate(name);
      if (!before.equals(after)) {
        moved++;
        assertThat(after).as("a moved partition goes to the new member").isEqualTo("node4");
      }
    }
    double share = (double) moved / PARTITIONS;
    assertThat(share).as("share of partitions moved").isBetween(0.19, 0.31);
  }

  @Test
  void when_aMemberLeaves_then_onlyItsPartitionsMove() {
    HashRing<String> three = ring("node1", "node2", "node3");
    HashRing<String> two = ring("node1", "node3");

    int moved = 0;
    for (int p = 0; p < PARTITIONS; p++) {
      String name = "q/" + p;
      String before = three.locate(name);
      if (!before.equals(two.locate(name))) {
        moved++;
        assertThat(before).isEqualTo("node2");
      } else {
        assertThat(before).isNotEqualTo("node2");
      }
    }
    assertThat((double) moved / PARTITIONS).isBetween(0.25, 0.42);
  }

  @Test
  void when_threeMembersShareTheRing_then_eachOwnsRoughlyAThird() {
    HashRing<String> ring = ring("node1", "node2", "node3");
    Map<String, Integer> counts = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      counts.merge(ring.locate("q/" + p), 1, Integer::sum);
    }
    assertThat(counts).hasSize(3);
    counts.values().forEach(c -> assertThat((double) c / PARTITIONS).isBetween(0.25, 0.42));
  }

  @Test
  void when_membersAreGivenInAnotherOrder_then_theRingIsTheSame() {
    HashRing<String> a = ring("node1", "node2", "node3");
    HashRing<String> b = ring("node3", "node1", "node2");
    for (int p = 0; p < 1000; p++) {
      assertThat(b.locate("x/" + p)).isEqualTo(a.locate("x/" + p));
    }
  }

  @Test
  void when_keysAreHashedToEightPartitions_then_everyPartitionGetsItsShare() {
    Map<String, Integer> parts = new LinkedHashMap<>();
    for (int p = 0; p < 8; p++) {
      parts.put("partition-" + p, p);
    }
    HashRing<Integer> ring = HashRing.of(parts, PartitionRing.VIRTUAL_NODES);
    int[] counts = new int[8];
    for (int k = 0; k < 80_000; k++) {
      counts[ring.locate("customer-" + k)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(7_000, 13_000);
    }
    assertThat(ring.locate("customer-42")).isEqualTo(ring.locate("customer-42"));
  }

  @Test
  void when_theRingIsEmpty_then_lookupFails() {
    HashRing<String> empty = ring();
    assertThat(empty.isEmpty()).isTrue();
    assertThatThrownBy(() -> empty.locate("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void hashIsStableAcrossRuns() {
    // Rule: every node must compute the same ring; a changed hash would split the cluster's view.
    assertThat(Hashing.hash64("node1#0")).isEqualTo(Hashing.hash64("node1#0"));
    assertThat(Hashing.hash64("")).isEqualTo(Hashing.mix(0xcbf29ce484222325L));
    assertThat(Hashing.hash64("a")).isNotEqualTo(Hashing.hash64("b"));
  }
}
