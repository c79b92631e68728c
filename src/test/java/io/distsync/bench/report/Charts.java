package io.distsync.bench.report;

import io.distsync.bench.report.JmeterCsv.Sample;
import io.distsync.bench.report.Results.LeaderKill;
import io.distsync.bench.report.Results.Run;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts (XChart, headless). */
final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final Map<String, Color> COLORS =
      Map.of(
          "ok", new Color(0x2e7d32),
          "failed", new Color(0xc62828),
          "lock operations ok", new Color(0xef6c00),
          "kill", Color.BLACK,
          "restart", Color.GRAY,
          "ready", new Color(0x1565c0));

  private Charts() {}

  /** Requests per second against clients, a line per plan; one node dashed. */
  static void throughputVsClients(Results results, Path png) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Throughput against clients")
            .xAxisTitle("clients (JMeter threads)")
            .yAxisTitle("requests per second")
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    for (String cluster : List.of("3n", "1n")) {
      for (String plan : results.plans()) {
        List<Run> runs = results.runs(cluster, plan);
        if (runs.isEmpty()) {
          continue;
        }
        XYSeries s =
            chart.addSeries(
                plan + (cluster.equals("3n") ? ", 3 nodes" : ", 1 node"),
                runs.stream().map(Run::clients).toList(),
                runs.stream().map(r -> r.stats().perSecond()).toList());
        s.setMarker(SeriesMarkers.CIRCLE);
        if (cluster.equals("1n")) {
          s.setLineStyle(SeriesLines.DASH_DASH);
        }
      }
    }
    save(chart, png);
  }

  /** p50, p95 and p99 per operation of one run. */
  static void latencyPercentiles(Run run, Path png) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                "Latency per operation: " + run.plan() + ", " + run.clients() + " clients, 3 nodes")
            .xAxisTitle("operation")
            .yAxisTitle("ms")
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    chart.getStyler().setXAxisLabelRotation(20);
    List<String> labels = run.samples().stream().map(Sample::label).distinct().sorted().toList();
    List<Number> p50 = new ArrayList<>();
    List<Number> p95 = new ArrayList<>();
    List<Number> p99 = new ArrayList<>();
    for (String label : labels) {
      Stats s = Stats.of(run.samples().stream().filter(x -> x.label().equals(label)).toList());
      p50.add(s.p50());
      p95.add(s.p95());
      p99.add(s.p99());
    }
    chart.addSeries("p50", labels, p50);
    chart.addSeries("p95", labels, p95);
    chart.addSeries("p99", labels, p99);
    save(chart, png);
  }

  /** Successful and failed requests per second across the leader kill, with the events marked. */
  static void leaderKillTimeline(LeaderKill kill, Path png) throws IOException {
    long t0 = kill.samples().stream().mapToLong(Sample::start).min().orElse(0);
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                "Leader killed (kill -9 " + kill.node() + ") during the " + kill.plan() + " plan")
            .xAxisTitle("seconds since the start")
            .yAxisTitle("requests per second")
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(0);
    double top = 1;
    for (Map.Entry<String, Predicate<Sample>> series :
        Map.<String, Predicate<Sample>>of(
                "ok", Sample::success,
                "failed", s -> !s.success(),
                "lock operations ok", s -> s.success() && s.label().contains("lock"))
            .entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey())
            .toList()) {
      double[] perSecond = perSecond(kill.samples(), t0, series.getValue());
      List<Integer> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < perSecond.length; i++) {
        x.add(i);
        y.add(perSecond[i]);
        top = Math.max(top, perSecond[i]);
      }
      chart.addSeries(series.getKey(), x, y).setLineColor(COLORS.get(series.getKey()));
    }
    for (Map.Entry<String, Long> e : kill.events().entrySet()) {
      double at = (e.getValue() - t0) / 1000.0;
      XYSeries mark = chart.addSeries(e.getKey(), new double[] {at, at}, new double[] {0, top});
      mark.setLineStyle(SeriesLines.DASH_DOT);
      mark.setLineColor(COLORS.getOrDefault(e.getKey(), Color.DARK_GRAY));
      mark.setMarker(SeriesMarkers.NONE);
    }
    save(chart, png);
  }

  /** Samples that end in each second after t0, counted when {@code which} holds. */
  static double[] perSecond(List<Sample> samples, long t0, Predicate<Sample> which) {
    long last = samples.stream().mapToLong(Sample::end).max().orElse(t0);
    double[] counts = new double[(int) ((last - t0) / 1000) + 1];
    for (Sample s : samples) {
      if (which.test(s)) {
        counts[(int) ((s.end() - t0) / 1000)]++;
      }
    }
    return counts;
  }

  private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png)
      throws IOException {
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapFormat.PNG);
  }
}
