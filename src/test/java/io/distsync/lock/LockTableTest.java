package io.distsync.lock;

import static io.distsync.lock.LockMode.EXCLUSIVE;
import static io.distsync.lock.LockMode.SHARED;
import static io.distsync.lock.LockScript.acq;
import static io.distsync.lock.LockScript.cancel;
import static io.distsync.lock.LockScript.capped;
import static io.distsync.lock.LockScript.expire;
import static io.distsync.lock.LockScript.rel;
import static io.distsync.lock.LockScript.renew;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.lock.LockScript.Step;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the lock table, one scenario per rule: each step is a log entry (index = step
 * number, so a token names the step that granted it) with the answer and events it must give.
 */
class LockTableTest {

  private static Step s(long time, LockCommand command, String expect) {
    return new Step(time, command, expect);
  }

  private static Arguments scenario(String name, Step... steps) {
    return Arguments.of(name, List.of(steps));
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        scenario(
            "an exclusive holder refuses others until it releases; the next grant gets a new token",
            s(0, acq("A", "r", EXCLUSIVE, 0), "GRANTED A exclusive token=1 count=1 until=10000"),
            s(0, acq("B", "r", EXCLUSIVE, 0), "CONFLICT holders=A"),
            s(0, acq("B", "r", SHARED, 0), "CONFLICT holders=A"),
            s(0, rel("A", "r"), "RELEASED count=0"),
            s(0, acq("B", "r", EXCLUSIVE, 0), "GRANTED B exclusive token=5 count=1 until=10000")),
        scenario(
            "three shared holders refuse an exclusive request",
            s(0, acq("A", "r", SHARED, 0), "GRANTED A shared token=1 count=1 until=10000"),
            s(0, acq("B", "r", SHARED, 0), "GRANTED B shared token=2 count=1 until=10000"),
            s(0, acq("C", "r", SHARED, 0), "GRANTED C shared token=3 count=1 until=10000"),
            s(0, acq("D", "r", EXCLUSIVE, 0), "CONFLICT holders=A,B,C")),
        scenario(
            "reentrant acquires keep the token and count holds; each release gives one back",
            s(0, acq("A", "r", EXCLUSIVE, 0), "GRANTED A exclusive token=1 count=1 until=10000"),
            s(5, acq("A", "r", EXCLUSIVE, 0), "GRANTED A exclusive token=1 count=2 until=10005"),
            s(6, acq("A", "r", SHARED, 0), "GRANTED A exclusive token=1 count=3 until=10006"),
            s(7, rel("A", "r"), "RELEASED count=2"),
            s(7, rel("A", "r"), "RELEASED count=1"),
            s(7, acq("B", "r", EXCLUSIVE, 0), "CONFLICT holders=A"),
            s(7, rel("A", "r"), "RELEASED count=0"),
            s(7, rel("A", "r"), "NOT_HELD")),
        scenario(
            "a release with a token other than the owner's current one is refused",
            s(0, acq("A", "r", EXCLUSIVE, 0), "GRANTED A exclusive token=1 count=1 until=10000"),
            s(0, rel("A", "r", 7), "STALE_TOKEN"),
            s(0, rel("B", "r"), "NOT_HELD"),
            s(0, rel("A", "r", 1), "RELEASED count=0")),
        scenario(
            "a sole shared holder upgrades at once, with a new token",
            s(0, acq("A", "r", SHARED, 0), "GRANTED A shared token=1 count=1 until=10000"),
            s(0, acq("A", "r", EXCLUSIVE, 0), "GRANTED A exclusive token=2 count=2 until=10000"),
            s(0, acq("B", "r", SHARED, 0), "CONFLICT holders=A")),
        scenario(
            "two shared holders both asking to upgrade: the second closes the cycle and is refused",
            s(0, acq("A", "r", SHARED, 0), "GRANTED A shared token=1 count=1 until=10000"),
            s(0, acq("B", "r", SHARED, 0), "GRANTED B shared token=2 count=1 until=10000"),
            s(0, acq("A", "r", EXCLUSIVE, 5000), "QUEUED"),
            s(0, acq("B", "r", EXCLUSIVE, 5000), "DEADLOCK B>A"),
            s(0, rel("B", "r"), "RELEASED count=0 | granted q-A-r token=5")),
        scenario(
            "a three-owner cycle is refused to the owner that would close it",
            s(0, acq("A", "r1", EXCLUSIVE, 0), "GRANTED A exclusive token=1 count=1 until=10000"),
            s(0, acq("B", "r2", EXCLUSIVE, 0), "GRANTED B exclusive token=2 count=1 until=10000"),
            s(0, acq("C", "r3", EXCLUSIVE, 0), "GRANTED C exclusive token=3 count=1 until=10000"),
            s(0, acq("A", "r2", EXCLUSIVE, 5000), "QUEUED"),
            s(0, acq("B", "r3", EXCLUSIVE, 5000), "QUEUED"),
            s(0, acq("C", "r1", EXCLUSIVE, 5000), "DEADLOCK C>A>B"),
            s(0, rel("C", "r3"), "RELEASED count=0 | granted q-B-r3 token=7")),
        scenario(
            "a cycle through a place in line (a shared request behind an exclusive one) is found",
            s(0, acq("X", "r", SHARED, 0), "GRANTED X shared token=1 count=1 until=10000"),
            s(0, acq("Z", "r2", EXCLUSIVE, 0), "GRANTED Z exclusive token=2 count=1 until=10000"),
            s(0, acq("Y", "r", EXCLUSIVE, 5000), "QUEUED"),
            s(0, acq("X", "r2", SHARED, 5000), "QUEUED"),
            s(0, acq("Z", "r", SHARED, 5000), "DEADLOCK Z>Y>X")),
        scenario(
            "waiters are served first come first served across modes",
            s(0, acq("A", "r", EXCLUSIVE, 0), "GRANTED A exclusive token=1 count=1 until=10000"),
            s(0, acq("B", "r", SHARED, 5000), "QUEUED"),
            s(0, acq("C", "r", SHARED, 5000), "QUEUED"),
            s(0, acq("D", "r", EXCLUSIVE, 5000), "QUEUED"),
            s(0, acq("E", "r", SHARED, 5000), "QUEUED"),
            s(0, rel("A", "r"), "RELEASED count=0 | granted q-B-r token=6, granted q-C-r token=6"),
            s(0, rel("B", "r"), "RELEASED count=0"),
            s(0, rel("C", "r"), "RELEASED count=0 | granted q-D-r token=8"),
            s(0, rel("D", "r"), "RELEASED count=0 | granted q-E-r token=9")),
        scenario(
            "a waiting exclusive request blocks later shared requests (no writer starvation)",
            s(0, acq("A", "r", SHARED, 0), "GRANTED A shared token=1 count=1 until=10000"),
            s(0, acq("W", "r", EXCLUSIVE, 5000), "QUEUED"),
            s(0, acq("C", "r", SHARED, 0), "CONFLICT holders=A"),
            s(0, acq("C", "r", SHARED, 5000), "QUEUED"),
            s(0, rel("A", "r"), "RELEASED count=0 | granted q-W-r token=5"),
            s(0, rel("W", "r"), "RELEASED count=0 | granted q-C-r token=6")),
        scenario(
            "an expired lease hands the lock to the next waiter, only once due by the log's clock",
            s(
                0,
                acq("A", "r", EXCLUSIVE, 0, 1000),
                "GRANTED A exclusive token=1 count=1 until=1000"),
            s(10, acq("B", "r", EXCLUSIVE, 5000), "QUEUED"),
            s(999, expire("A", "r", 1), "IGNORED"),
            s(1000, expire("A", "r", 1), "EXPIRED | granted q-B-r token=4"),
            s(1000, rel("A", "r"), "NOT_HELD")),
        scenario(
            "a lapsed lease frees the lock for the next command, even before the expiry entry",
            s(
                0,
                acq("A", "r", EXCLUSIVE, 0, 1000),
                "GRANTED A exclusive token=1 count=1 until=1000"),
            s(1500, acq("B", "r", EXCLUSIVE, 0), "GRANTED B exclusive token=2 count=1 until=11500"),
            s(1600, expire("A", "r", 1), "IGNORED")),
        scenario(
            "a renewed lease outlives the expiry proposed for the old deadline",
            s(
                0,
                acq("A", "r", EXCLUSIVE, 0, 1000),
                "GRANTED A exclusive token=1 count=1 until=1000"),
            s(500, renew("A", "r", 1000), "RENEWED until=1500"),
            s(1200, expire("A", "r", 1), "IGNORED"),
            s(1500, expire("A", "r", 1), "EXPIRED"),
            s(1600, renew("A", "r", 1000), "NOT_HELD")),
        scenario(
            "time never goes back, whatever a new leader's clock says",
            s(
                2000,
                acq("A", "r", EXCLUSIVE, 0, 1000),
                "GRANTED A exclusive token=1 count=1 until=3000"),
            s(100, renew("A", "r", 1000), "RENEWED until=3000")),
        scenario(
            "a cancelled wait leaves the line and lets compatible waiters behind it in",
            s(0, acq("A", "r", SHARED, 0), "GRANTED A shared token=1 count=1 until=10000"),
            s(0, acq("B", "r", EXCLUSIVE, 5000), "QUEUED"),
            s(0, acq("C", "r", SHARED, 5000), "QUEUED"),
            s(0, cancel("B", "r"), "CANCELLED | cancelled q-B-r, granted q-C-r token=4"),
            s(0, cancel("B", "r"), "IGNORED")),
        scenario(
            "an owner already waiting for a lock cannot queue twice for it",
            s(0, acq("A", "r", EXCLUSIVE, 0), "GRANTED A exclusive token=1 count=1 until=10000"),
            s(0, acq("B", "r", EXCLUSIVE, 5000), "QUEUED"),
            s(0, acq("B", "r", SHARED, 5000), "CONFLICT holders=A")),
        // ---- caps: carried by each acquire entry (capped(owner, lock, mode, waitMs, maxWaiters,
        // maxHeld)), decided at apply time ----
        scenario(
            "a full line refuses one more waiter; a place freed lets the next one in",
            s(0, acq("A", "r", EXCLUSIVE, 0), "GRANTED A exclusive token=1 count=1 until=10000"),
            s(0, capped("B", "r", EXCLUSIVE, 5000, 2, 100), "QUEUED"),
            s(0, capped("C", "r", SHARED, 5000, 2, 100), "QUEUED"),
            s(0, capped("D", "r", EXCLUSIVE, 5000, 2, 100), "LIMIT_EXCEEDED (LOCK_MAX_WAITERS)"),
            s(0, capped("D", "r", EXCLUSIVE, 0, 2, 100), "CONFLICT holders=A"),
            s(0, capped("D", "r", EXCLUSIVE, 5000, 3, 100), "QUEUED"),
            s(0, cancel("B", "r"), "CANCELLED | cancelled q-B-r"),
            s(0, capped("E", "r", EXCLUSIVE, 5000, 2, 100), "LIMIT_EXCEEDED (LOCK_MAX_WAITERS)"),
            s(0, cancel("D", "r"), "CANCELLED | cancelled q-D-r"),
            s(0, capped("E", "r", EXCLUSIVE, 5000, 2, 100), "QUEUED")),
        scenario(
            "an upgrade waits in line, so it counts against a full line",
            s(0, acq("A", "r", SHARED, 0), "GRANTED A shared token=1 count=1 until=10000"),
            s(0, acq("B", "r", SHARED, 0), "GRANTED B shared token=2 count=1 until=10000"),
            s(0, capped("C", "r", EXCLUSIVE, 5000, 1, 100), "QUEUED"),
            s(0, capped("A", "r", EXCLUSIVE, 5000, 1, 100), "LIMIT_EXCEEDED (LOCK_MAX_WAITERS)")),
        scenario(
            "an owner at its cap gets no new lock; reentrant acquires and upgrades still pass",
            s(
                0,
                capped("A", "r1", EXCLUSIVE, 0, 10, 2),
                "GRANTED A exclusive token=1 count=1 until=10000"),
            s(
                0,
                capped("A", "r2", SHARED, 0, 10, 2),
                "GRANTED A shared token=2 count=1 until=10000"),
            s(
                0,
                capped("A", "r3", EXCLUSIVE, 0, 10, 2),
                "LIMIT_EXCEEDED (LOCK_MAX_HELD_PER_OWNER)"),
            s(
                0,
                capped("A", "r3", EXCLUSIVE, 5000, 10, 2),
                "LIMIT_EXCEEDED (LOCK_MAX_HELD_PER_OWNER)"),
            s(
                0,
                capped("A", "r1", EXCLUSIVE, 0, 10, 2),
                "GRANTED A exclusive token=1 count=2 until=10000"),
            s(
                0,
                capped("A", "r2", EXCLUSIVE, 0, 10, 2),
                "GRANTED A exclusive token=6 count=2 until=10000"),
            s(
                0,
                capped("B", "r3", EXCLUSIVE, 0, 10, 2),
                "GRANTED B exclusive token=7 count=1 until=10000"),
            s(0, capped("A", "r3", EXCLUSIVE, 0, 10, 3), "CONFLICT holders=B"),
            s(0, rel("A", "r1"), "RELEASED count=1"),
            s(
                0,
                capped("A", "r4", EXCLUSIVE, 0, 10, 2),
                "LIMIT_EXCEEDED (LOCK_MAX_HELD_PER_OWNER)"),
            s(0, rel("A", "r1"), "RELEASED count=0"),
            s(
                0,
                capped("A", "r4", EXCLUSIVE, 0, 10, 2),
                "GRANTED A exclusive token=12 count=1 until=10000")),
        scenario(
            "a wait in line counts against the owner's cap until the wait ends",
            s(0, acq("B", "r1", EXCLUSIVE, 0), "GRANTED B exclusive token=1 count=1 until=10000"),
            s(0, capped("A", "r1", EXCLUSIVE, 5000, 10, 1), "QUEUED"),
            s(
                0,
                capped("A", "r2", EXCLUSIVE, 0, 10, 1),
                "LIMIT_EXCEEDED (LOCK_MAX_HELD_PER_OWNER)"),
            s(0, rel("B", "r1"), "RELEASED count=0 | granted q-A-r1 token=4"),
            s(
                0,
                capped("A", "r2", EXCLUSIVE, 0, 10, 1),
                "LIMIT_EXCEEDED (LOCK_MAX_HELD_PER_OWNER)"),
            s(0, rel("A", "r1"), "RELEASED count=0"),
            s(
                0,
                capped("A", "r2", EXCLUSIVE, 0, 10, 1),
                "GRANTED A exclusive token=7 count=1 until=10000")),
        scenario(
            "an expired lease gives the owner's claim back",
            s(
                0,
                capped("A", "r1", EXCLUSIVE, 0, 10, 1),
                "GRANTED A exclusive token=1 count=1 until=10000"),
            s(
                10_000,
                capped("A", "r2", EXCLUSIVE, 0, 10, 1),
                "LIMIT_EXCEEDED (LOCK_MAX_HELD_PER_OWNER)"),
            s(10_000, expire("A", "r1", 1), "EXPIRED"),
            s(
                10_000,
                capped("A", "r2", EXCLUSIVE, 0, 10, 1),
                "GRANTED A exclusive token=4 count=1 until=20000")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void rule(String name, List<Step> steps) {
    LockScript script = new LockScript();
    for (Step step : steps) {
      assertThat(script.run(step.time(), step.command()))
          .as("entry %d: %s", script.index, step)
          .isEqualTo(step.expect());
    }
  }
}
