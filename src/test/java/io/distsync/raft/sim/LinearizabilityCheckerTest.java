package io.distsync.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

  @Test
  void acceptsConcurrentOperationsInSomeValidOrder() {
    History h = new History();
    History.Op w1 = h.invoke(History.Kind.PUT, "k", "a", null);
    History.Op r1 = h.invoke(History.Kind.GET, "k", null, null);
    h.ok(r1, "a"); // overlaps w1: may see it
    h.ok(w1, "OK");
    History.Op c = h.invoke(History.Kind.CAS, "k", "a", "b");
    h.ok(c, "true");
    assertThat(LinearizabilityChecker.check(h)).isNull();
  }

  @Test
  void rejectsAStaleReadAfterACompletedWrite() {
    History h = new History();
    History.Op w1 = h.invoke(History.Kind.PUT, "k", "a", null);
    h.ok(w1, "OK");
    History.Op w2 = h.invoke(History.Kind.PUT, "k", "b", null);
    h.ok(w2, "OK");
    History.Op r = h.invoke(History.Kind.GET, "k", null, null);
    h.ok(r, "a");
    assertThat(LinearizabilityChecker.check(h)).contains("not linearizable");
  }

  @Test
  void anUnknownWriteMayOrMayNotHaveHappened() {
    History h = new History();
    History.Op lost = h.invoke(History.Kind.PUT, "k", "x", null);
    h.unknown(lost);
    History.Op r1 = h.invoke(History.Kind.GET, "k", null, null);
    h.ok(r1, "null");
    History.Op r2 = h.invoke(History.Kind.GET, "k", null, null);
    h.ok(r2, "x");
    assertThat(LinearizabilityChecker.check(h)).isNull();
    History.Op r3 = h.invoke(History.Kind.GET, "k", null, null);
    h.ok(r3, "null"); // x cannot disappear again
    assertThat(LinearizabilityChecker.check(h)).isNotNull();
  }

  @Test
  void rejectsACasThatSucceededOnAWrongValue() {
    History h = new History();
    History.Op w = h.invoke(History.Kind.PUT, "k", "a", null);
    h.ok(w, "OK");
    History.Op c = h.invoke(History.Kind.CAS, "k", "z", "b");
    h.ok(c, "true");
    assertThat(LinearizabilityChecker.check(h)).isNotNull();
  }
}
