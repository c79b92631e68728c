package io.distsync.lock;

import static io.distsync.lock.LockMode.EXCLUSIVE;
import static io.distsync.lock.LockScript.NO_LIMIT;
import static io.distsync.lock.LockScript.TTL;
import static io.distsync.lock.LockScript.acq;
import static io.distsync.lock.LockScript.rel;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.lock.LockCommand.ClientRequest;
import org.junit.jupiter.api.Test;

/**
 * Retries that carry a client's request id get the first answer again: a lost answer, retried,
 * never holds, releases or renews twice; the memory of answers is bounded in count and time and
 * travels in snapshots.
 */
class LockRequestIdTest {
  private static final int MEMORY = 100;

  /** An acquire with the table's request id {@code tableId} and the client's id {@code client}. */
  private static LockCommand acquire(String tableId, String owner, long waitMs, String client) {
    return acquire(tableId, owner, waitMs, client, MEMORY);
  }

  private static LockCommand acquire(
      String tableId, String owner, long waitMs, String client, int memory) {
    return new LockCommand.Acquire(
        tableId,
        "r",
        owner,
        EXCLUSIVE,
        TTL,
        waitMs,
        NO_LIMIT,
        NO_LIMIT,
        new ClientRequest(client, memory));
  }

  private static LockCommand release(String owner, String client) {
    return new LockCommand.Release("r", owner, null, new ClientRequest(client, MEMORY));
  }

  private static LockCommand renew(String owner, long ttl, String client) {
    return new LockCommand.Renew("r", owner, ttl, new ClientRequest(client, MEMORY));
  }

  @Test
  void when_aGrantedAcquireIsRetried_then_theFirstGrantComesBack_notASecondHold() {
    LockScript s = new LockScript();
    assertThat(s.run(100, acquire("n1-1", "A", 0, "req-1")))
        .isEqualTo("GRANTED A exclusive token=1 count=1 until=10100");
    // The retry goes through another node: another table id, the same client id.
    assertThat(s.run(200, acquire("n2-1", "A", 0, "req-1")))
        .isEqualTo("GRANTED A exclusive token=1 count=1 until=10100");
    assertThat(s.run(300, rel("A", "r"))).isEqualTo("RELEASED count=0");
    // Without an id the same retry is a reentrant hold: what the id is for.
    s.run(400, acq("B", "r", EXCLUSIVE, 0));
    assertThat(s.run(500, acq("B", "r", EXCLUSIVE, 0))).contains("count=2");
  }

  @Test
  void when_aReleaseIsRetried_afterSomeoneElseGotTheLock_then_itReleasesNothingMore() {
    LockScript s = new LockScript();
    s.run(100, acquire("n1-1", "A", 0, "a-acq"));
    s.run(100, acquire("n1-2", "A", 0, "a-acq2")); // reentrant: two holds
    assertThat(s.run(200, release("A", "a-rel"))).isEqualTo("RELEASED count=1");
    assertThat(s.run(300, release("A", "a-rel"))).isEqualTo("RELEASED count=1");
    assertThat(s.run(400, release("A", "a-rel2"))).isEqualTo("RELEASED count=0");
    s.run(500, acq("B", "r", EXCLUSIVE, 0));
    assertThat(s.run(600, release("A", "a-rel2"))).isEqualTo("RELEASED count=0");
    assertThat(s.table.view("r").holders()).extracting(h -> h.owner()).containsExactly("B");
  }

  @Test
  void when_aRenewIsRetried_then_itAnswersTheFirstDeadline() {
    LockScript s = new LockScript();
    s.run(100, acquire("n1-1", "A", 0, "a-acq"));
    assertThat(s.run(1000, renew("A", 5000, "a-renew"))).isEqualTo("RENEWED until=6000");
    assertThat(s.run(2000, renew("A", 5000, "a-renew"))).isEqualTo("RENEWED until=6000");
  }

  @Test
  void when_aWaitingAcquireIsRetried_then_itJoinsTheWait_andLaterGetsTheGrant() {
    LockScript s = new LockScript();
    s.run(100, acq("B", "r", EXCLUSIVE, 0));
    assertThat(s.run(200, acquire("n1-5", "A", 5000, "a-1"))).isEqualTo("QUEUED");
    LockResult repeat = s.table.apply(++s.index, 300, acquire("n2-9", "A", 5000, "a-1"));
    assertThat(repeat.type()).isEqualTo(LockResult.Type.QUEUED);
    assertThat(repeat.requestId()).as("the first request's place in line").isEqualTo("n1-5");
    assertThat(s.table.waiterCount()).isEqualTo(1);

    assertThat(s.run(400, rel("B", "r"))).isEqualTo("RELEASED count=0 | granted n1-5 token=4");
    assertThat(s.run(500, acquire("n3-1", "A", 5000, "a-1")))
        .isEqualTo("GRANTED A exclusive token=4 count=1 until=10400");
  }

  @Test
  void when_aWaitRanOut_then_aRetryGetsTheConflict_notANewPlaceInLine() {
    LockScript s = new LockScript();
    s.run(100, acq("B", "r", EXCLUSIVE, 0));
    s.run(200, acquire("n1-5", "A", 1000, "a-1"));
    assertThat(s.run(1200, new LockCommand.Cancel("n1-5"))).isEqualTo("CANCELLED | cancelled n1-5");
    assertThat(s.run(1300, acquire("n2-1", "A", 1000, "a-1"))).isEqualTo("CONFLICT holders=B");
    assertThat(s.table.waiterCount()).isZero();
  }

  @Test
  void when_anIdComesBackWithAnotherRequest_then_itIsRefused() {
    LockScript s = new LockScript();
    s.run(100, acquire("n1-1", "A", 0, "same"));
    assertThat(s.run(200, release("A", "same"))).isEqualTo("REQUEST_ID_REUSED");
    assertThat(s.table.view("r").holders()).hasSize(1);
  }

  @Test
  void when_moreIdsThanTheMemoryOrTheWindowPasses_then_theOldestAreForgotten() {
    LockScript s = new LockScript();
    s.run(100, acquire("n1-1", "A", 0, "one", 2));
    s.run(100, acquire("n1-2", "A", 0, "two", 2));
    s.run(100, acquire("n1-3", "A", 0, "three", 2));
    assertThat(s.table.recent().size()).isEqualTo(2);
    // "one" is forgotten: its retry is a new reentrant hold.
    assertThat(s.run(200, acquire("n1-4", "A", 0, "one", 2))).contains("count=4");
    assertThat(s.run(300, acquire("n1-5", "A", 0, "three", 2))).contains("count=3");

    long later = 300 + RecentRequests.WINDOW_MS + 1;
    s.run(later, acquire("n1-6", "B", 0, "other", 2));
    assertThat(s.table.recent().size())
        .as("only the newest, the rest past the window")
        .isEqualTo(1);
  }

  @Test
  void when_restoredFromSnapshot_then_aRetryStillGetsTheFirstAnswer() {
    LockScript before = new LockScript();
    before.run(100, acq("B", "r", EXCLUSIVE, 0));
    before.run(200, acquire("n1-5", "A", 5000, "a-wait"));
    before.run(300, acquire("n1-6", "C", 0, "c-refused"));
    LockScript after = new LockScript();
    LockSnapshot.read(after.table, LockSnapshot.write(before.table));
    after.index = 10;

    assertThat(after.run(400, acquire("n2-1", "C", 0, "c-refused")))
        .isEqualTo("CONFLICT holders=B");
    assertThat(after.run(500, rel("B", "r"))).isEqualTo("RELEASED count=0 | granted n1-5 token=12");
    assertThat(after.run(600, acquire("n2-2", "A", 5000, "a-wait")))
        .isEqualTo("GRANTED A exclusive token=12 count=1 until=10500");
  }

  @Test
  void commandsWithAClientIdSurviveTheirLogForm_andOlderFormsStillParse() {
    LockCommand[] commands = {
      acquire("n1-1", "A", 0, "x.y:z-1"), release("A", "id"), renew("A", 500, "id2")
    };
    for (LockCommand c : commands) {
      assertThat(LockCommand.decode(c.encode())).isEqualTo(c);
    }
    assertThat(LockCommand.decode("release r o -"))
        .isEqualTo(new LockCommand.Release("r", "o", null));
    assertThat(LockCommand.decode("acquire n1-1 r o exclusive 10 0 5 6"))
        .isEqualTo(new LockCommand.Acquire("n1-1", "r", "o", EXCLUSIVE, 10, 0, 5, 6));
  }
}
