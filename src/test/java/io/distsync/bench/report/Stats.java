package io.distsync.bench.report;

import io.distsync.bench.report.JmeterCsv.Sample;
import java.util.Arrays;
import java.util.List;

/**
 * Figures of a set of samples: count, failed, throughput over the time they span (first start to
 * last end), mean and percentiles of the elapsed time (nearest rank).
 */
public record Stats(
    int count, int failed, double perSecond, double mean, long p50, long p95, long p99, long max) {

  public static Stats of(List<Sample> samples) {
    if (samples.isEmpty()) {
      return new Stats(0, 0, 0, 0, 0, 0, 0, 0);
    }
    long[] elapsed = samples.stream().mapToLong(Sample::elapsed).sorted().toArray();
    long first = samples.stream().mapToLong(Sample::start).min().orElse(0);
    long last = samples.stream().mapToLong(Sample::end).max().orElse(first);
    double seconds = Math.max(1, last - first) / 1000.0;
    int failed = (int) samples.stream().filter(s -> !s.success()).count();
    return new Stats(
        samples.size(),
        failed,
        samples.size() / seconds,
        Arrays.stream(elapsed).average().orElse(0),
        percentile(elapsed, 50),
        percentile(elapsed, 95),
        percentile(elapsed, 99),
        elapsed[elapsed.length - 1]);
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public double errorPercent() {
    return count == 0 ? 0 : 100.0 * failed / count;
  }
}
