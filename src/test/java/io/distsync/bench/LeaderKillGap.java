package io.distsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The longest gap between two acknowledged writes when the leader of the running local cluster is
 * killed (kill -9), over several trials: a client writes {@code POST /raft/noop} in a loop through
 * a follower, the leader is killed after 3 s, the client goes on for 5 s more; then the killed node
 * is restarted ({@code liberty/cluster start N}) and the next trial begins. Prints every gap and
 * the median. Run: {@code mvn -Pbench verify -Dbench.main=io.distsync.bench.LeaderKillGap
 * -Dbench.args=5} with the cluster up. Node N is the N-th URL of {@code DISTSYNC_URLS} (default the
 * local cluster's three); CA and token: {@link BenchSecurity}.
 */
public final class LeaderKillGap {
  private static final Logger LOG = Logger.getLogger(LeaderKillGap.class.getName());
  private static final Pattern LEADER = Pattern.compile("\"leaderId\":\"(node\\d+)\"");
  private static final HttpClient HTTP = BenchSecurity.get().httpClient(Duration.ofSeconds(1));
  private static final List<URI> NODES = BenchSecurity.nodes();

  private LeaderKillGap() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Long> gaps = new ArrayList<>();
    for (int t = 1; t <= trials; t++) {
      long gap = trial();
      gaps.add(gap);
      LOG.info("trial " + t + ": longest write gap " + gap + " ms");
    }
    Collections.sort(gaps);
    LOG.info("gaps " + gaps + " ms; median " + gaps.get(gaps.size() / 2) + " ms");
  }

  private static long trial() throws Exception {
    int leader = leader(NODES.get(0));
    int via = leader % NODES.size() + 1;
    long pid =
        Long.parseLong(
            Files.readString(Path.of("data/node" + leader + "/liberty/.pid/distsync.pid")).trim());
    List<Long> acked = new ArrayList<>();
    long start = System.nanoTime();
    boolean killed = false;
    int seq = 0;
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
      if (!killed && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(3)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        killed = true;
      }
      if (write(NODES.get(via - 1), "gap-" + seq++)) {
        acked.add(System.nanoTime());
      }
    }
    long longest = 0;
    for (int i = 1; i < acked.size(); i++) {
      longest = Math.max(longest, acked.get(i) - acked.get(i - 1));
    }
    restart(leader);
    return TimeUnit.NANOSECONDS.toMillis(longest);
  }

  private static boolean write(URI node, String tag) {
    try {
      HttpRequest r =
          BenchSecurity.get()
              .request(node.resolve("/raft/noop"))
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"tag\":\"" + tag + "\"}"))
              .build();
      return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int leader(URI node) throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        HttpRequest r =
            BenchSecurity.get()
                .request(node.resolve("/raft/leader"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Matcher m = LEADER.matcher(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body());
        if (m.find()) {
          return Integer.parseInt(m.group(1).substring(4));
        }
      } catch (IOException e) {
        // not answering yet
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException("no leader known on " + node);
  }

  private static void restart(int node) throws Exception {
    Process p =
        new ProcessBuilder("bash", "liberty/cluster", "start", String.valueOf(node))
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("liberty/cluster start " + node + " failed");
    }
  }
}
