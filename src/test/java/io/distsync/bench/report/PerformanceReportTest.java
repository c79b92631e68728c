package io.distsync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on small, made-up JMeter results. */
class PerformanceReportTest {
  private static final String HEADER =
      "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,"
          + "bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";

  @TempDir Path tmp;

  @Test
  void when_fields_are_quoted_then_commas_and_quotes_inside_survive() {
    assertThat(JmeterCsv.fields("1,\"a, \"\"b\"\"\",c")).containsExactly("1", "a, \"b\"", "c");
  }

  @Test
  void when_reading_csv_then_columns_are_found_by_name_and_cut_lines_skipped() throws Exception {
    List<JmeterCsv.Sample> s =
        JmeterCsv.read(new StringReader(HEADER + line(1000, 5, "cache GET", true) + "1001,3\n"));
    assertThat(s)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.label()).isEqualTo("cache GET");
              assertThat(x.end()).isEqualTo(1005);
            });
  }

  @Test
  void when_computing_stats_then_percentiles_are_nearest_rank_and_rate_spans_the_samples() {
    List<JmeterCsv.Sample> samples =
        java.util.stream.IntStream.rangeClosed(1, 100)
            .mapToObj(i -> new JmeterCsv.Sample(i * 10L, i, "x", "200", i != 100))
            .toList();
    Stats s = Stats.of(samples);
    assertThat(s.p50()).isEqualTo(50);
    assertThat(s.p95()).isEqualTo(95);
    assertThat(s.p99()).isEqualTo(99);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.perSecond()).isBetween(90.0, 101.0); // 100 samples over 1.09 s
  }

  @Test
  void when_written_twice_then_charts_exist_and_the_hand_written_text_stays() throws Exception {
    Path results = tmp.resolve("results");
    run(results.resolve("3n/mixed-c5"), "mixed", 5, 2);
    run(results.resolve("3n/mixed-c50"), "mixed", 50, 1);
    run(results.resolve("1n/mixed-c50"), "mixed", 50, 3);
    run(results.resolve("leaderkill"), "mixed", 0, 2);
    Files.writeString(
        results.resolve("leaderkill/events.txt"),
        "kill 1000500 node2\nrestart 1001000\nready 1001500\n");
    Files.writeString(results.resolve("meta.txt"), "date=2026-11-21\n");
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("performance.md"), "# Performance\n\nHand-written.\n");

    PerformanceReport.write(Results.load(results), docs);
    PerformanceReport.write(Results.load(results), docs);

    String md = Files.readString(docs.resolve("performance.md"));
    assertThat(md).startsWith("# Performance\n\nHand-written.\n");
    assertThat(md.split(ReportMarkdown.BEGIN, -1)).hasSize(2);
    assertThat(md)
        .contains("| mixed | 50 |")
        .contains("74.83 req/s")
        .contains("node2")
        .contains("One node against three");
    for (String png :
        List.of("throughput-vs-clients", "latency-percentiles", "leader-kill-timeline")) {
      assertThat(docs.resolve("img/" + png + ".png")).isNotEmptyFile();
    }
  }

  /**
   * A CSV of two seconds of samples, one every 10 ms, elapsed {@code ms}; plus a warm-up sample.
   */
  private static void run(Path dir, String plan, int clients, int ms) throws Exception {
    Files.createDirectories(dir);
    StringBuilder csv = new StringBuilder(HEADER).append(line(999_000, 1, "setup cache PUT", true));
    String[] labels = {"cache GET", "lock acquire", "lock release", "queue produce"};
    for (int i = 0; i < 200; i++) {
      csv.append(line(1_000_000 + i * 10L, ms + i % 7, labels[i % labels.length], i % 50 != 0));
    }
    Files.writeString(dir.resolve(plan + ".csv"), csv);
  }

  private static String line(long ts, long elapsed, String label, boolean ok) {
    return ts
        + ","
        + elapsed
        + ","
        + label
        + ","
        + (ok ? "200" : "503")
        + ",OK,users 1-1,text,"
        + ok
        + ",,10,10,1,1,http://x,1,0,0\n";
  }
}
