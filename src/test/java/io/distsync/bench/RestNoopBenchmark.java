package io.distsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Committed no-op proposals per second through REST ({@code POST /raft/noop}) on the running
 * cluster, each client thread spreading its requests over every node (so two thirds of them are
 * forwarded to the leader). Nodes: {@code DISTSYNC_URLS}, default the local cluster's three; CA and
 * token: {@link BenchSecurity}.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class RestNoopBenchmark {
  private static final AtomicLong SEQ = new AtomicLong();

  /** One HTTP client (keep-alive) and the node URLs. */
  @State(Scope.Benchmark)
  public static class Cluster {
    HttpClient client;
    URI[] nodes;

    @Setup
    public void setUp() {
      client = BenchSecurity.get().httpClient(Duration.ofSeconds(2));
      nodes = BenchSecurity.nodes().stream().map(n -> n.resolve("/raft/noop")).toArray(URI[]::new);
    }
  }

  @Benchmark
  public int noop(Cluster c) throws IOException, InterruptedException {
    long n = SEQ.incrementAndGet();
    HttpRequest request =
        BenchSecurity.get()
            .request(c.nodes[(int) (n % c.nodes.length)])
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"tag\":\"bench-" + n + "\"}"))
            .build();
    int status = c.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 200) {
      throw new IllegalStateException("POST /raft/noop answered " + status);
    }
    return status;
  }
}
