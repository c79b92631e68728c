package io.distsync.it;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.paging.PageRequest;
import io.distsync.testing.Http;
import io.distsync.testing.Http.Reply;
import io.distsync.testing.LockApi;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock listing's pages and the lock caps on the build's single server, which runs with
 * LOCK_MAX_WAITERS=2 and LOCK_MAX_HELD_PER_OWNER=3 (see the pom's it-server.env). Each test uses
 * lock and owner names of its own, and gives its locks back.
 */
class LockApiIT {
  private static final Duration T = Duration.ofSeconds(10);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  private final LockApi api = LockApi.at(ItServer.url(""));

  private static List<String> resources(Reply page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("application/json");
    List<String> out = new ArrayList<>();
    for (JsonObject lock : ((JsonArray) page.json()).getValuesAs(JsonObject.class)) {
      out.add(lock.getString("resource"));
    }
    return out;
  }

  private static String nextLink(Reply page) {
    String link = page.header("Link");
    if (link == null) {
      return null;
    }
    Matcher m = NEXT_LINK.matcher(link);
    assertThat(m.find()).as("Link header " + link).isTrue();
    return m.group(1);
  }

  private static void assertError(Reply r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonObject body = (JsonObject) r.json();
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank().doesNotContain("Exception");
  }

  private void hold(String resource, String owner) {
    Reply r = api.acquire(resource, owner, "exclusive", 60_000, 0);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void when_fiveLocksAreHeld_then_pagesOfTwoFollowTheNextCursorHeader() {
    String prefix = "page-" + RUN + "/";
    for (int i = 1; i <= 5; i++) {
      hold(prefix + i, "pager-" + i);
    }
    try {
      // The cursor of a page that ended just before this test's locks (the name sorts before
      // them): what follows is this test's locks, whatever else the server holds.
      String cursor = PageRequest.cursorAfter(prefix);
      Reply first = Http.get(ItServer.url("/locks?limit=2&cursor=" + cursor), T);
      assertThat(resources(first)).containsExactly(prefix + 1, prefix + 2);
      assertThat(first.header("Next-Cursor")).isNotBlank();

      Reply second = Http.get(ItServer.url("/locks?limit=2&cursor=" + first.header("Next-Cursor")));
      assertThat(resources(second)).containsExactly(prefix + 3, prefix + 4);

      Reply third = Http.get(ItServer.url("/locks?limit=2&cursor=" + second.header("Next-Cursor")));
      List<String> last = resources(third);
      assertThat(last).first().isEqualTo(prefix + 5);
      if (last.size() == 1) {
        assertThat(third.header("Next-Cursor")).as("the last page").isNull();
        assertThat(third.header("Link")).as("the last page").isNull();
      }
      JsonObject lock = ((JsonArray) third.json()).getJsonObject(0);
      assertThat(lock.getString("mode")).isEqualTo("exclusive");
      assertThat(lock.getJsonArray("holders").getJsonObject(0).getString("owner"))
          .isEqualTo("pager-5");
    } finally {
      for (int i = 1; i <= 5; i++) {
        api.release(prefix + i, "pager-" + i);
      }
    }
  }

  @Test
  void when_pagesAreFollowedByTheirLinkHeader_then_everyLockComesOnceInOrder() {
    String prefix = "link-" + RUN + "/";
    for (int i = 1; i <= 5; i++) {
      hold(prefix + i, "linker-" + i);
    }
    try {
      List<String> seen = new ArrayList<>();
      String url = ItServer.url("/locks?limit=2");
      int pages = 0;
      while (url != null) {
        Reply page = Http.get(url, T);
        List<String> names = resources(page);
        String next = nextLink(page);
        if (next != null) {
          assertThat(names).as("a page that is not the last").hasSize(2);
          assertThat(next).contains("limit=2").contains("cursor=" + page.header("Next-Cursor"));
        } else {
          assertThat(page.header("Next-Cursor")).isNull();
        }
        seen.addAll(names);
        url = next;
        assertThat(++pages).as("pages walked").isLessThan(1000);
      }
      assertThat(seen).isSorted().doesNotHaveDuplicates();
      List<String> mine = seen.stream().filter(n -> n.startsWith(prefix)).toList();
      assertThat(mine).containsExactly(prefix + 1, prefix + 2, prefix + 3, prefix + 4, prefix + 5);
      assertThat(pages).isGreaterThanOrEqualTo(3);
    } finally {
      for (int i = 1; i <= 5; i++) {
        api.release(prefix + i, "linker-" + i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=0",
        "limit=1001",
        "limit=-2",
        "limit=two",
        "limit=1.5",
        "cursor=a",
        "cursor=%21%21%21%21",
        "limit=2&cursor=not.base64"
      })
  void a_bad_limit_or_cursor_is_400_invalid_request(String query) {
    assertError(Http.get(ItServer.url("/locks?" + query), T), 400, "INVALID_REQUEST");
  }

  @Test
  void the_single_lock_and_the_wait_for_graph_are_still_served_beside_the_listing() {
    String resource = "one-" + RUN + "/x";
    hold(resource, "single");
    try {
      JsonObject lock = api.lock(resource);
      assertThat(lock.getString("resource")).isEqualTo(resource);
      assertThat(lock.getJsonArray("holders")).hasSize(1);
      assertThat(api.waitFor().keySet()).contains("edges", "cycles");
      JsonObject free = api.lock("one-" + RUN + "/free");
      assertThat(free.getJsonArray("holders")).isEmpty();
    } finally {
      api.release(resource, "single");
    }
  }

  @Test
  void when_anOwnerHoldsTheMostLocksAllowed_then_oneMoreIs429_butAReentrantAcquireIsNot() {
    String owner = "greedy-" + RUN;
    String prefix = "cap-" + RUN + "/";
    for (int i = 1; i <= 3; i++) {
      hold(prefix + i, owner);
    }
    try {
      assertError(api.acquire(prefix + 4, owner), 429, "LIMIT_EXCEEDED");
      assertError(api.acquire(prefix + 4, owner, "shared", 30_000, 1000), 429, "LIMIT_EXCEEDED");

      Reply again = api.acquire(prefix + 1, owner);
      assertThat(again.status()).as("reentrant: " + again.body()).isEqualTo(200);
      assertThat(again.json().asJsonObject().getInt("holdCount")).isEqualTo(2);
      assertThat(api.acquire(prefix + 4, "someone-else-" + RUN).status()).isEqualTo(200);
      api.release(prefix + 4, "someone-else-" + RUN);

      api.release(prefix + 3, owner);
      Reply fourth = api.acquire(prefix + 4, owner);
      assertThat(fourth.status()).as("a claim was given back: " + fourth.body()).isEqualTo(200);
    } finally {
      api.release(prefix + 1, owner);
      api.release(prefix + 1, owner);
      api.release(prefix + 2, owner);
      api.release(prefix + 4, owner);
    }
  }

  @Test
  void when_aLockHasTheMostWaitersAllowed_then_oneMoreWaiterIs429_andTheLineStillMoves()
      throws Exception {
    String resource = "line-" + RUN;
    hold(resource, "holder");
    CompletableFuture<Reply> w1 = api.acquireAsync(resource, "w1", "exclusive", 30_000, 30_000);
    eventually(T, () -> assertThat(api.lock(resource).getJsonArray("waiters")).hasSize(1));
    CompletableFuture<Reply> w2 = api.acquireAsync(resource, "w2", "exclusive", 30_000, 30_000);
    try {
      eventually(T, () -> assertThat(api.lock(resource).getJsonArray("waiters")).hasSize(2));

      assertError(api.acquire(resource, "w3", "exclusive", 30_000, 5000), 429, "LIMIT_EXCEEDED");
      assertError(api.acquire(resource, "w3", "exclusive", 30_000, 0), 409, "LOCK_CONFLICT");

      api.release(resource, "holder");
      Reply first = w1.get(T.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(first.status()).as(first.body()).isEqualTo(200);
      api.release(resource, "w1");
      Reply second = w2.get(T.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(second.status()).as(second.body()).isEqualTo(200);
    } finally {
      api.release(resource, "holder");
      api.release(resource, "w1");
      api.release(resource, "w2");
      w1.cancel(true);
      w2.cancel(true);
    }
  }
}
