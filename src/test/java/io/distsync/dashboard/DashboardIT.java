package io.distsync.dashboard;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.security.Role;
import io.distsync.testing.Http;
import io.distsync.testing.LibertyNode;
import io.distsync.testing.LockApi;
import io.distsync.testing.QueueApi;
import io.distsync.testing.RaftApi;
import io.distsync.testing.TestCluster;
import io.distsync.testing.TestPki;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (headless Chromium) against three real nodes: what the page shows
 * as the cluster, the locks, the cache and the queues change. One cluster and one browser for the
 * class; each test opens the page itself, uses its own names and leaves every node up.
 */
class DashboardIT {
  private static final Duration SHOWN = Duration.ofSeconds(10);
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final Map<String, String> ENV =
      Map.of("HEARTBEAT_INTERVAL", "50", "ELECTION_TIMEOUT", "300-600", "REQUEST_TIMEOUT", "2000");
  private static final String TOKEN =
      TestPki.cluster().token(Role.ADMIN, null, Duration.ofHours(2));

  static TestCluster cluster;
  static Browser browser;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(3, ENV);
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertThat(browser.consoleErrors()).as("JavaScript console errors").isEmpty();
  }

  /** Opens node {@code i}'s dashboard, gives it the token, and waits for the stream. */
  static void open(int i) {
    browser.driver.get(cluster.node(i).url() + "/dashboard/");
    WebElement token = browser.driver.findElement(By.id("token"));
    token.sendKeys(TOKEN);
    browser.driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    eventually(
        SHOWN,
        () -> {
          assertThat(browser.all("#connection[data-state=open]"))
              .as(
                  "stream state: %s; console: %s",
                  browser.text("#connection"), browser.consoleErrors())
              .isNotEmpty();
          assertThat(browser.all("#nodes tbody tr")).hasSize(3);
        });
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static int leaderIndex() {
    String[] leader = new String[1];
    eventually(
        CONVERGE,
        () -> {
          leader[0] = RaftApi.of(cluster.node(1)).leader().leaderId();
          assertThat(leader[0]).isNotNull();
        });
    return Integer.parseInt(leader[0].substring("node".length()));
  }

  static List<String> leadersShown() {
    return browser.all("#nodes tbody tr[data-role=LEADER]").stream()
        .map(e -> e.getAttribute("data-node"))
        .toList();
  }

  @Test
  void when_the_cluster_runs_then_three_nodes_and_exactly_one_leader_show() {
    open(1);
    String leader = "node" + leaderIndex();
    eventually(
        SHOWN,
        () -> {
          assertThat(browser.all("#nodes tbody tr[data-up=true]")).hasSize(3);
          assertThat(leadersShown()).containsExactly(leader);
        });
    browser.screenshot("cluster");
  }

  @Test
  void when_the_leader_is_killed_then_the_page_shows_it_down_and_a_new_leader_then_back() {
    int old = leaderIndex();
    int viewer = old % 3 + 1;
    open(viewer);
    eventually(SHOWN, () -> assertThat(leadersShown()).containsExactly("node" + old));
    LibertyNode killed = cluster.node(old);
    killed.kill();
    long killedAt = System.nanoTime();
    eventually(
        SHOWN,
        () -> {
          assertThat(browser.all("#nodes tbody tr[data-node=node" + old + "][data-up=false]"))
              .isNotEmpty();
          assertThat(leadersShown()).hasSize(1).doesNotContain("node" + old);
        });
    long shownMs = (System.nanoTime() - killedAt) / 1_000_000;
    assertThat(shownMs)
        .as("ms until the page showed the dead node and a new leader")
        .isLessThan(10_000);
    assertThat(browser.all("#timeline li")).hasSizeGreaterThanOrEqualTo(2);
    browser.screenshot("leader-killed");
    killed.start().awaitReady(TestCluster.START_TIMEOUT);
    eventually(
        CONVERGE,
        () -> {
          assertThat(browser.all("#nodes tbody tr[data-up=true]")).hasSize(3);
          assertThat(leadersShown()).hasSize(1);
        });
  }

  @Test
  void when_a_lock_is_taken_then_it_shows_with_its_holder_and_token() {
    String resource = unique("dash-lock");
    Http.Reply r = LockApi.of(cluster.node(2)).acquire(resource, "alice");
    assertThat(r.status()).isEqualTo(200);
    long token = r.json().asJsonObject().getJsonNumber("fencingToken").longValue();
    open(3);
    eventually(
        SHOWN,
        () ->
            assertThat(browser.text("#lock-table tr[data-resource='" + resource + "']"))
                .contains("alice #" + token)
                .contains("exclusive"));
    LockApi.of(cluster.node(2)).release(resource, "alice");
  }

  @Test
  void when_two_owners_wait_on_each_other_then_an_edge_each_way_and_the_refused_deadlock_show() {
    String a = unique("dash-a");
    String b = unique("dash-b");
    String ann = unique("ann");
    String bob = unique("bob");
    LockApi locks = LockApi.of(cluster.node(1));
    assertThat(locks.acquire(a, ann).status()).isEqualTo(200);
    assertThat(locks.acquire(b, bob).status()).isEqualTo(200);
    CompletableFuture<Http.Reply> annWaits =
        locks.acquireAsync(b, ann, "exclusive", 30_000, 20_000);
    open(2);
    eventually(
        SHOWN,
        () ->
            assertThat(browser.all("#waitfor-edges li[data-edge='" + ann + "->" + bob + "']"))
                .isNotEmpty());
    Http.Reply refused = locks.acquire(a, bob, "exclusive", 30_000, 20_000);
    assertThat(refused.status()).isEqualTo(409);
    eventually(
        SHOWN,
        () -> {
          assertThat(browser.all("#waitfor-edges li[data-edge='" + ann + "->" + bob + "']"))
              .isNotEmpty();
          assertThat(
                  browser.all(
                      "#waitfor-edges li[data-edge='" + bob + "->" + ann + "'][data-kind=refused]"))
              .isNotEmpty();
          assertThat(
                  browser.all("#refused li[data-owner='" + bob + "'][data-resource='" + a + "']"))
              .isNotEmpty();
        });
    browser.screenshot("deadlock");
    locks.release(b, bob);
    assertThat(annWaits.join().status()).isEqualTo(200);
    locks.release(a, ann);
    locks.release(b, ann);
  }

  @Test
  void when_a_key_is_written_on_one_node_and_read_on_another_then_exclusive_then_shared() {
    String key = unique("dash-key");
    String url1 = cluster.node(1).url() + "/cache/" + key;
    String url2 = cluster.node(2).url() + "/cache/" + key;
    open(3);
    Http.Reply put = Http.sendJson("PUT", url1, "{\"value\":{\"n\":1}}", Duration.ofSeconds(15));
    assertThat(put.status()).isEqualTo(200);
    eventually(SHOWN, () -> assertThat(state(key, "node1")).isEqualTo("EXCLUSIVE"));
    browser.screenshot("cache-exclusive");
    assertThat(Http.get(url2, Duration.ofSeconds(15)).status()).isEqualTo(200);
    eventually(
        SHOWN,
        () -> {
          assertThat(state(key, "node1")).isEqualTo("SHARED");
          assertThat(state(key, "node2")).isEqualTo("SHARED");
        });
  }

  static String state(String key, String node) {
    List<WebElement> cells =
        browser.all("#cache-matrix td[data-key='" + key + "'][data-node='" + node + "']");
    return cells.isEmpty() ? null : cells.get(0).getAttribute("data-state");
  }

  @Test
  void when_messages_are_produced_then_the_queue_counters_move() {
    String queue = unique("dash-q");
    QueueApi queues = QueueApi.of(cluster.node(2));
    queues.produce(queue, List.of(message(0)));
    open(1);
    eventually(SHOWN, () -> assertThat(field(queue, "produced")).isEqualTo("1"));
    List<JsonObject> more = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      more.add(message(i));
    }
    queues.produce(queue, more);
    eventually(
        SHOWN,
        () -> {
          assertThat(field(queue, "produced")).isEqualTo("5");
          assertThat(field(queue, "ready")).isEqualTo("5");
        });
    browser.screenshot("queues");
  }

  static JsonObject message(int n) {
    return Json.createObjectBuilder().add("payload", "m" + n).build();
  }

  static String field(String queue, String field) {
    return browser.text("#queue-table tr[data-queue='" + queue + "'] td[data-field=" + field + "]");
  }
}
