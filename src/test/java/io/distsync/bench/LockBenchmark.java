package io.distsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Acquire+release pairs through REST on the running cluster: {@code ownLock} (every client thread
 * its own resource: the cost of consensus) and {@code oneLock} (every thread on one resource,
 * waiting in line: the cost of contention). Each thread talks to one node (threads spread over the
 * nodes, so two thirds of the commands are forwarded to the leader). Nodes: {@code DISTSYNC_URLS},
 * default the local cluster's three; CA and token: {@link BenchSecurity}.
 *
 * <pre>mvn -Pbench verify -Dbench.args="LockBenchmark -t 32"</pre>
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class LockBenchmark {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final HttpClient CLIENT = BenchSecurity.get().httpClient(Duration.ofSeconds(2));

  /** One client thread: its node, its owner name and its own resource. */
  @State(Scope.Thread)
  public static class Client {
    URI acquire;
    URI release;
    String owner;
    String own;
    long sequence;

    @Setup
    public void setUp() {
      int id = THREADS.incrementAndGet();
      List<URI> nodes = BenchSecurity.nodes();
      URI node = nodes.get(id % nodes.size());
      acquire = node.resolve("/locks/acquire");
      release = node.resolve("/locks/release");
      owner = "bench-" + ProcessHandle.current().pid() + "-" + id;
      own = "bench/own/" + owner;
    }
  }

  @Benchmark
  public void ownLock(Client c) throws IOException, InterruptedException {
    pair(c, c.own, 0);
  }

  @Benchmark
  public void oneLock(Client c) throws IOException, InterruptedException {
    pair(c, "bench/hot", 30_000);
  }

  /** {@link #ownLock} with a fresh {@code requestId} on both commands, as the Java client sends. */
  @Benchmark
  public void ownLockWithRequestIds(Client c) throws IOException, InterruptedException {
    long n = ++c.sequence;
    pair(c, c.own, 0, requestId(c.owner + "-a" + n), requestId(c.owner + "-r" + n));
  }

  private static void pair(Client c, String resource, long waitMs)
      throws IOException, InterruptedException {
    pair(c, resource, waitMs, "", "");
  }

  private static String requestId(String id) {
    return ",\"requestId\":\"" + id + "\"";
  }

  private static void pair(
      Client c, String resource, long waitMs, String acquireId, String releaseId)
      throws IOException, InterruptedException {
    post(
        c.acquire,
        "{\"resource\":\""
            + resource
            + "\",\"owner\":\""
            + c.owner
            + "\",\"waitMs\":"
            + waitMs
            + ",\"ttlMs\":10000"
            + acquireId
            + "}");
    post(
        c.release,
        "{\"resource\":\"" + resource + "\",\"owner\":\"" + c.owner + "\"" + releaseId + "}");
  }

  private static void post(URI uri, String body) throws IOException, InterruptedException {
    HttpRequest request =
        BenchSecurity.get()
            .request(uri)
            .timeout(Duration.ofSeconds(40))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          uri.getPath() + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
