package io.distsync.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Writes the performance report from a results folder of {@code jmeter/report.sh}: docs/img/*.png
 * and the generated block of docs/performance.md (the hand-written sections stay as they are).
 * Arguments: RESULTS_DIR [DOCS_DIR, default docs].
 */
public final class PerformanceReport {
  private static final Logger LOG = Logger.getLogger(PerformanceReport.class.getName());

  private PerformanceReport() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: PerformanceReport RESULTS_DIR [DOCS_DIR]");
    }
    System.setProperty("java.awt.headless", "true");
    Path results = Path.of(args[0]);
    Path docs = Path.of(args.length > 1 ? args[1] : "docs");
    write(Results.load(results), docs);
  }

  static void write(Results results, Path docs) throws Exception {
    if (results.runs().isEmpty() && results.leaderKill().isEmpty()) {
      throw new IllegalStateException("no JMeter results under " + results.dir());
    }
    Path img = docs.resolve("img");
    Files.createDirectories(img);
    if (!results.runs().isEmpty()) {
      Charts.throughputVsClients(results, img.resolve("throughput-vs-clients.png"));
    }
    ReportMarkdown.topRun(results)
        .ifPresent(
            run ->
                uncheck(
                    () -> Charts.latencyPercentiles(run, img.resolve("latency-percentiles.png"))));
    if (results.leaderKill().isPresent()) {
      Charts.leaderKillTimeline(
          results.leaderKill().get(), img.resolve("leader-kill-timeline.png"));
    }
    Path md = docs.resolve("performance.md");
    String before = Files.exists(md) ? Files.readString(md) : "# Performance\n";
    Files.writeString(
        md, ReportMarkdown.replaceBlock(before, ReportMarkdown.block(results, "img")));
    LOG.info("wrote " + md + " and the charts in " + img);
  }

  private interface IoAction {
    void run() throws Exception;
  }

  private static void uncheck(IoAction a) {
    try {
      a.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
