package io.distsync.raft.bench;

import io.distsync.raft.RaftNode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Committed proposals of a 3-node cluster (in-memory transport, real file store with fsync): the
 * benchmark thread proposes 128 bytes and waits until the leader has applied it. Run with 1 and 32
 * threads ({@code -t}); SampleTime mode gives the p50/p99 commit latency, Throughput the proposals
 * per second, and the {@code fsyncs} counter the log fsyncs per second of all nodes.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class RaftProposalBenchmark {
  private static final byte[] COMMAND = new byte[128];

  /** One cluster shared by every benchmark thread. */
  @State(Scope.Benchmark)
  public static class Cluster {
    LocalCluster cluster;
    RaftNode leader;

    @Setup(Level.Trial)
    public void start() throws IOException {
      cluster = new LocalCluster(3);
      leader = cluster.awaitLeader();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      cluster.close();
    }
  }

  /** Log fsyncs of all nodes during an iteration, reported as a rate (summed over threads). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Fsyncs {
    public long fsyncs;
    private long start;
    private int threads;

    @Setup(Level.Iteration)
    public void begin(Cluster c, BenchmarkParams params) {
      threads = params.getThreads();
      start = c.cluster.fsyncs();
      fsyncs = 0;
    }

    @TearDown(Level.Iteration)
    public void end(Cluster c) {
      fsyncs = (c.cluster.fsyncs() - start) / threads;
    }
  }

  @Benchmark
  public Object propose(Cluster c, Fsyncs counters) {
    return c.leader.propose(COMMAND).join();
  }
}
