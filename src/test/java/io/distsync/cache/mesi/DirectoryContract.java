package io.distsync.cache.mesi;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.cache.mesi.Directory.DirView;
import io.distsync.cache.mesi.Directory.Fill;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Directory} step does, run against the in-memory model the simulation uses
 * ({@code InMemoryDirectoryTest}) and against the Lua scripts in a real Redis ({@code
 * RedisDirectoryIT}), so that the simulation proves the protocol on the same directory Liberty
 * uses. Names are unique per test, so a shared Redis does not matter.
 */
public abstract class DirectoryContract {
  // Real time: Redis expires keys by its own clock (PEXPIREAT), the scripts judge values by NOW.
  private static final long NOW = System.currentTimeMillis();
  private static final long LEASE = 60_000;

  protected abstract Directory directory();

  private Directory d;
  private String key;
  private String n1;
  private String n2;
  private String n3;
  private String h1;
  private String h2;
  private String h3;

  @BeforeEach
  void names() {
    d = directory();
    String run = UUID.randomUUID().toString().substring(0, 8);
    key = "contract-" + run;
    n1 = "c1-" + run;
    n2 = "c2-" + run;
    n3 = "c3-" + run;
    h1 = n1 + "#" + d.beginEpoch(n1, LEASE);
    h2 = n2 + "#" + d.beginEpoch(n2, LEASE);
    h3 = n3 + "#" + d.beginEpoch(n3, LEASE);
  }

  private long write(String holder, String token, String value, boolean store) {
    assertThat(d.acquire(key, token, 10_000, NOW).acquired()).isTrue();
    long v = d.commitWrite(key, token, holder, value, 0, store, 1);
    d.release(key, token, 10_000);
    return v;
  }

  private Fill read(String holder, String token, boolean ownerKeeps) {
    DirView view = d.acquire(key, token, 10_000, NOW);
    assertThat(view.acquired()).isTrue();
    Fill f = d.commitRead(key, token, holder, view.owner(), ownerKeeps, NOW);
    d.release(key, token, 10_000);
    return f;
  }

  @Test
  void the_lock_is_taken_once_and_freed_only_by_its_token() {
    assertThat(d.acquire(key, "t1", 10_000, NOW).acquired()).isTrue();
    assertThat(d.acquire(key, "t2", 10_000, NOW)).isEqualTo(DirView.BUSY);
    d.release(key, "t2", 10_000);
    assertThat(d.acquire(key, "t2", 10_000, NOW).acquired()).isFalse();
    assertThat(d.extend(key, "t2", 10_000)).isFalse();
    assertThat(d.extend(key, "t1", 10_000)).isTrue();
    d.release(key, "t1", 10_000);
    assertThat(d.acquire(key, "t2", 10_000, NOW).acquired()).isTrue();
  }

  @Test
  void waiters_are_handed_the_lock_in_the_order_they_came() {
    String t1 = h1 + "#1";
    String t2 = h2 + "#1";
    String t3 = h3 + "#1";
    assertThat(d.acquire(key, t1, 10_000, NOW).acquired()).isTrue();
    assertThat(d.acquire(key, t2, 10_000, NOW)).isEqualTo(DirView.BUSY);
    assertThat(d.acquire(key, t3, 10_000, NOW)).isEqualTo(DirView.BUSY);
    assertThat(d.acquire(key, t2, 10_000, NOW))
        .as("asking again keeps the place")
        .isEqualTo(DirView.BUSY);

    assertThat(d.release(key, t1, 10_000)).isEqualTo(t2);
    assertThat(d.acquire(key, "newcomer", 10_000, NOW)).isEqualTo(DirView.BUSY);
    assertThat(d.acquire(key, t3, 10_000, NOW)).isEqualTo(DirView.BUSY);
    assertThat(d.acquire(key, t2, 10_000, NOW).acquired()).as("handed over").isTrue();
    assertThat(d.release(key, t2, 10_000)).isEqualTo(t3);
    assertThat(d.acquire(key, t3, 10_000, NOW).acquired()).isTrue();
    // "newcomer" is no token of a live epoch: passed over, the lock is freed.
    assertThat(d.release(key, t3, 10_000)).isNull();
    assertThat(d.acquire(key, t1 + "0", 10_000, NOW).acquired()).isTrue();
  }

  @Test
  void a_waiter_of_an_ended_epoch_is_passed_over_and_one_that_gives_up_leaves() {
    String holder = h1 + "#1";
    String gone = h2 + "#1";
    String quitter = h3 + "#1";
    String next = h3 + "#2";
    assertThat(d.acquire(key, holder, 10_000, NOW).acquired()).isTrue();
    assertThat(d.acquire(key, gone, 10_000, NOW).acquired()).isFalse();
    assertThat(d.acquire(key, quitter, 10_000, NOW).acquired()).isFalse();
    assertThat(d.acquire(key, next, 10_000, NOW).acquired()).isFalse();
    d.endEpoch(n2, Holder.parse(h2).epoch());
    assertThat(d.release(key, quitter, 10_000)).as("only left the line").isNull();
    assertThat(d.release(key, holder, 10_000)).isEqualTo(next);
  }

  @Test
  void a_batch_takes_consecutive_versions_and_stores_its_last_value() {
    assertThat(d.acquire(key, "w1", 10_000, NOW).acquired()).isTrue();
    long first = d.commitWrite(key, "w1", h1, "3", 0, true, 3);
    d.release(key, "w1", 10_000);
    assertThat(d.peek(key, NOW).version()).isEqualTo(first + 2);
    assertThat(d.peek(key, NOW).value()).isEqualTo("3");
    long owner = d.ownerWrite(key, h1, "w1", "7", 0, 4);
    assertThat(owner).isGreaterThan(first + 2);
    assertThat(d.peek(key, NOW).version()).isEqualTo(owner + 3);
    assertThat(d.peek(key, NOW).value()).isEqualTo("7");
    assertThat(write(h2, "w2", "8", true)).isGreaterThan(owner + 3);
  }

  @Test
  void a_read_of_a_key_without_value_finds_nothing() {
    DirView view = d.acquire(key, "t1", 10_000, NOW);
    assertThat(view.exists()).isFalse();
    assertThat(d.commitRead(key, "t1", h1, null, false, NOW)).isEqualTo(Fill.MISSING);
  }

  @Test
  void a_lone_reader_is_exclusive_and_the_next_readers_share() {
    write(h1, "w1", "\"x\"", true);
    d.forget(key, h1, "w1"); // the writer evicted its line
    Fill first = read(h2, "r2", false);
    assertThat(first.state()).isEqualTo(MesiState.EXCLUSIVE);
    assertThat(first.value()).isEqualTo("\"x\"");

    DirView view = d.acquire(key, "r3", 10_000, NOW);
    assertThat(view.owner()).isEqualTo(h2);
    Fill second = d.commitRead(key, "r3", h3, h2, true, NOW);
    d.release(key, "r3", 10_000);
    assertThat(second.state()).isEqualTo(MesiState.SHARED);

    DirView after = d.acquire(key, "w4", 10_000, NOW);
    assertThat(after.owner()).isNull();
    assertThat(after.sharers()).containsExactlyInAnyOrder(h2, h3);
    assertThat(after.exists()).isTrue();
  }

  @Test
  void a_downgraded_owner_that_did_not_keep_its_line_is_forgotten() {
    write(h1, "w1", "1", true);
    Fill f = read(h2, "r2", false);
    assertThat(f.state()).isEqualTo(MesiState.EXCLUSIVE);
    assertThat(d.acquire(key, "x", 10_000, NOW).owner()).isEqualTo(h2);
  }

  @Test
  void every_write_and_delete_gets_a_greater_version() {
    long v1 = write(h1, "w1", "1", true);
    long v2 = write(h2, "w2", "2", true);
    assertThat(d.acquire(key, "del", 10_000, NOW).acquired()).isTrue();
    long v3 = d.commitDelete(key, "del");
    d.release(key, "del", 10_000);
    assertThat(d.peek(key, NOW)).isEqualTo(Fill.MISSING);
    long v4 = write(h3, "w3", "3", true);
    assertThat(v1).isPositive();
    assertThat(v2).isGreaterThan(v1);
    assertThat(v3).isGreaterThan(v2);
    assertThat(v4).isGreaterThan(v3);
    assertThat(d.peek(key, NOW).version()).isEqualTo(v4);
  }

  @Test
  void a_write_makes_the_writer_the_only_holder() {
    write(h1, "w1", "1", true);
    read(h2, "r2", true);
    read(h3, "r3", true);
    write(h3, "w3", "3", true);
    DirView view = d.acquire(key, "x", 10_000, NOW);
    assertThat(view.owner()).isEqualTo(h3);
    assertThat(view.sharers()).isEmpty();
  }

  @Test
  void steps_under_a_lock_that_is_not_held_change_nothing() {
    write(h1, "w1", "1", true);
    assertThat(d.commitWrite(key, "nope", h2, "2", 0, true, 1)).isEqualTo(-1);
    assertThat(d.commitRead(key, "nope", h2, null, false, NOW)).isEqualTo(Fill.LOST_LOCK);
    assertThat(d.commitDelete(key, "nope")).isEqualTo(-1);
    assertThat(d.commitInvalidate(key, "nope")).isFalse();
    assertThat(d.peek(key, NOW).value()).isEqualTo("1");
  }

  @Test
  void a_read_that_did_not_downgrade_the_live_owner_must_start_over() {
    write(h1, "w1", "1", true);
    assertThat(d.acquire(key, "r2", 10_000, NOW).acquired()).isTrue();
    assertThat(d.commitRead(key, "r2", h2, null, false, NOW)).isEqualTo(Fill.LOST_LOCK);
  }

  @Test
  void an_owner_write_needs_the_owner_and_its_line() {
    long v1 = write(h1, "w1", "1", true);
    long v2 = d.ownerWrite(key, h1, "w1", "2", 0, 1);
    assertThat(v2).isGreaterThan(v1);
    assertThat(d.peek(key, NOW).value()).isEqualTo("2");
    assertThat(d.ownerWrite(key, h1, "other-line", "3", 0, 1)).isEqualTo(-1);
    assertThat(d.ownerWrite(key, h2, "w1", "3", 0, 1)).isEqualTo(-1);
    assertThat(d.peek(key, NOW).value()).isEqualTo("2");
  }

  @Test
  void a_write_back_keeps_the_newer_version_and_needs_the_owner() {
    long v = write(h1, "w1", "\"m\"", false);
    assertThat(d.peek(key, NOW)).isEqualTo(Fill.MISSING);
    assertThat(d.acquire(key, "x", 10_000, NOW).exists()).as("an owner may hold it").isTrue();
    d.release(key, "x", 10_000);

    assertThat(d.flush(key, h1, "w1", "\"m2\"", v + 1, 0, false)).isTrue();
    assertThat(d.peek(key, NOW).value()).isEqualTo("\"m2\"");
    assertThat(d.flush(key, h1, "w1", "\"old\"", v, 0, false)).isTrue();
    assertThat(d.peek(key, NOW).value()).isEqualTo("\"m2\"");
    assertThat(d.flush(key, h2, "w1", "\"x\"", v + 5, 0, false)).isFalse();
    assertThat(d.flush(key, h1, "other-line", "\"x\"", v + 5, 0, false)).isFalse();
    assertThat(d.peek(key, NOW).version()).isEqualTo(v + 1);

    assertThat(d.flush(key, h1, "w1", "\"m3\"", v + 2, 0, true)).isTrue();
    assertThat(d.acquire(key, "y", 10_000, NOW).owner()).isNull();
    d.release(key, "y", 10_000);
    assertThat(write(h2, "w2", "\"n\"", true)).isGreaterThan(v + 2);
  }

  @Test
  void forget_removes_only_the_entry_of_that_line() {
    write(h1, "w1", "1", true);
    read(h2, "r2", true);
    d.forget(key, h2, "not-r2");
    d.forget(key, h1, "w1");
    DirView view = d.acquire(key, "x", 10_000, NOW);
    assertThat(view.sharers()).containsExactly(h2);
    d.release(key, "x", 10_000);
    d.forget(key, h2, "r2");
    assertThat(d.acquire(key, "y", 10_000, NOW).sharers()).isEmpty();
  }

  @Test
  void holders_of_an_ended_epoch_are_dropped() {
    write(h1, "w1", "1", true);
    read(h2, "r2", true);
    d.endEpoch(n1, Holder.parse(h1).epoch());
    d.endEpoch(n2, Holder.parse(h2).epoch() + 1); // not its epoch: no effect
    DirView view = d.acquire(key, "x", 10_000, NOW);
    assertThat(view.owner()).isNull();
    assertThat(view.sharers()).containsExactly(h2);
  }

  @Test
  void invalidate_forgets_every_holder_and_keeps_the_value() {
    write(h1, "w1", "1", true);
    read(h2, "r2", true);
    assertThat(d.acquire(key, "inv", 10_000, NOW).acquired()).isTrue();
    assertThat(d.commitInvalidate(key, "inv")).isTrue();
    d.release(key, "inv", 10_000);
    DirView view = d.acquire(key, "x", 10_000, NOW);
    assertThat(view.owner()).isNull();
    assertThat(view.sharers()).isEmpty();
    assertThat(d.peek(key, NOW).value()).isEqualTo("1");
  }

  @Test
  void an_expired_value_is_not_found() {
    assertThat(d.acquire(key, "w", 10_000, NOW).acquired()).isTrue();
    d.commitWrite(key, "w", h1, "1", NOW + 1000, true, 1);
    d.release(key, "w", 10_000);
    assertThat(d.peek(key, NOW).value()).isEqualTo("1");
    assertThat(d.peek(key, NOW + 1000)).isEqualTo(Fill.MISSING);
    d.forget(key, h1, "w");
    DirView view = d.acquire(key, "r", 10_000, NOW + 2000);
    assertThat(view.exists()).isFalse();
    assertThat(d.commitRead(key, "r", h2, null, false, NOW + 2000)).isEqualTo(Fill.MISSING);
  }

  @Test
  void a_lease_is_renewed_until_revoked_and_a_new_epoch_is_greater() {
    long e1 = Holder.parse(h1).epoch();
    assertThat(d.renew(n1, e1, LEASE)).isEqualTo(1);
    assertThat(d.revoke(n1, e1 + 7)).isZero();
    long wait = d.revoke(n1, e1);
    assertThat(wait).isPositive().isLessThanOrEqualTo(LEASE);
    assertThat(d.renew(n1, e1, LEASE)).isEqualTo(-1);
    long e2 = d.beginEpoch(n1, LEASE);
    assertThat(e2).isGreaterThan(e1);
    assertThat(d.renew(n1, e2, LEASE)).isEqualTo(1);
    assertThat(d.revoke(n1, 0)).as("any epoch").isPositive();
    long e3 = d.beginEpoch(n1, LEASE);
    d.endEpoch(n1, e3);
    assertThat(d.renew(n1, e3, LEASE)).isEqualTo(-2);
    assertThat(d.revoke(n1, e3)).isZero();
  }
}
